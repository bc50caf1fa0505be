#!/usr/bin/env bash
# The throughput benchmark of issue 15: one command, same data, same machine, three ways to land it.
#   (a) kcat reading both topics to /dev/null: the Kafka read ceiling;
#   (b) `clickbatch run` end to end into a fresh local lake, then once more with nothing new;
#   (c) the script a user would write instead: kcat dumps both topics to NDJSON, then DuckDB (2 threads) converts
#       them to zstd Parquet; both parts timed, DuckDB's part also shown alone.
# Prints records/s, MB/s (of the payload bytes), CPU seconds and peak RSS of each, and the ratios b/a and b/c.
#
# Usage: scripts/bench.sh [CLICKS]          default 770000 clicks (about 1.01M records with checkouts and bad records)
#   DAYS=4 scripts/bench.sh                  events spread over 4 days (more partition files open at once)
#   RUN_FLAGS="--commit-every-records 500000" extra flags for `run`
#   BENCH_BIN=path                           another build (A/B), not rebuilt
# `run` is measured as the image ships it: a self-contained Release publish with one ReadyToRun composite image of the
# app and the framework (the Dockerfile's flags), into .bench/publish; `dotnet build` output would add about 0.5 s of
# JIT to a 1M-record run (docs/benchmarks.md).
# Needs kcat (installed with apt when missing). Run it on an idle machine (see `uptime`); it prints the load.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-common.sh
source scripts/lib/bench-common.sh
clicks="${1:-770000}"
days="${DAYS:-1}"

if ! command -v kcat >/dev/null 2>&1; then
  echo "bench.sh: installing kcat with apt" >&2
  apt-get update -qq && apt-get install -y -qq kcat >/dev/null
fi
publish_clickbatch
work="$(mktemp -d /tmp/clickbatch-bench.XXXXXX)"
kafka_pid=
trap '{ [[ -n "$kafka_pid" ]] && kill -TERM "$kafka_pid" 2>/dev/null; wait 2>/dev/null; } || true; rm -rf "$work"' EXIT

# ~330 B per click and ~5 MiB kept per partition by the embedded Kafka: 1 partition per 8,000 clicks, at least 8.
partitions=$(( clicks / 8000 )); (( partitions >= 8 )) || partitions=8; (( partitions <= 1000 )) || partitions=1000
start_local_kafka "clicks:$partitions,checkouts:$(( (partitions + 1) / 2 ))" "$work"
from="$(date -u -d "-$days days" +%F)"; to="$(date -u -d '-1 day' +%F)"
"$bin" generate --bootstrap-servers "$bootstrap" --clicks "$clicks" --from "$from" --to "$to" --seed 9 >/dev/null 2>"$work/generate.err"

# measure NAME COMMAND...: wall s, CPU s (user + system), peak RSS MiB of the command and its children, into $work/NAME.m
# (the command's exit status is returned: time -o adds a "Command exited ..." line above the figures on a failure)
measure() {
  local name="$1" rc=0; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" || rc=$?
  tail -1 "$work/$name.time" | awk '{ w = $1 < 0.01 ? 0.01 : $1; printf "%.2f %.2f %d\n", w, $2 + $3, $4 / 1024 }' >"$work/$name.m"
  return "$rc"
}
kcat_topics() { # kcat_topics DIR|-: every payload of both topics, one line each, into DIR/<topic>.ndjson or nowhere
  for topic in clicks checkouts; do
    if [[ "$1" == - ]]; then out=/dev/null; else out="$1/$topic.ndjson"; fi
    kcat -b "$bootstrap" -C -t "$topic" -o beginning -e -q -f '%s\n' >"$out" || return 1
  done
}
export -f kcat_topics; export bootstrap
load="$(cut -d' ' -f1-3 /proc/loadavg)"

measure a bash -c "kcat_topics -" || { echo "bench.sh: kcat could not read the topics" >&2; exit 1; }
# shellcheck disable=SC2086 # RUN_FLAGS is a list of flags on purpose
measure b "$bin" run --bootstrap-servers "$bootstrap" --lake "$work/lake" --staging-dir "$work/staging" --json ${RUN_FLAGS:-} \
  >"$work/run.json" 2>"$work/run.err" || { echo "bench.sh: run failed: $(tail -5 "$work/run.err")" >&2; exit 1; }
# shellcheck disable=SC2086
measure noop "$bin" run --bootstrap-servers "$bootstrap" --lake "$work/lake" --staging-dir "$work/staging" --json ${RUN_FLAGS:-} \
  >"$work/noop.json" 2>"$work/noop.err" || { echo "bench.sh: the second run failed: $(tail -5 "$work/noop.err")" >&2; exit 1; }
mkdir -p "$work/dump"
measure dump bash -c "kcat_topics '$work/dump'" || { echo "bench.sh: kcat could not dump the topics" >&2; exit 1; }
measure duckdb "$bin" bench-duckdb --input "$work/dump/clicks.ndjson,$work/dump/checkouts.ndjson" --out "$work/duckdb" --threads 2 \
  >"$work/duckdb.json" || { echo "bench.sh: the DuckDB conversion failed" >&2; exit 1; }
# DuckDB's wall time is the COPY statements alone, as the verb reports it: the .NET start-up of the verb would be no
# part of a user's script (its CPU and RSS still come from /usr/bin/time and include that start-up).
duckdb_s=$(python3 -c 'import json,sys; print(f"{json.load(open(sys.argv[1]))['"'"'seconds'"'"']:.2f}")' "$work/duckdb.json")
read -r _ kc kr <"$work/duckdb.m"; echo "$duckdb_s $kc $kr" >"$work/duckdb.m"

records=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(p["records"] for t in r["topics"] for p in t["partitions"]))' "$work/run.json")
dumped=$(cat "$work/dump/"*.ndjson | wc -l)
mb=$(du -cb "$work/dump/"*.ndjson | tail -1 | awk '{ printf "%.1f", $1 / 1e6 }')
read -r dw dc dr <"$work/dump.m"; read -r kw kc kr <"$work/duckdb.m"
awk -v w="$dw" -v c="$dc" -v r="$dr" -v kw="$kw" -v kc="$kc" -v kr="$kr" \
  'BEGIN { printf "%.2f %.2f %d\n", w + kw, c + kc, (r > kr ? r : kr) }' >"$work/c.m"

echo "clickbatch bench: $clicks clicks over $days day(s) = $records records ($dumped payload lines, $mb MB), partitions clicks:$partitions checkouts:$(( (partitions + 1) / 2 )), $(nproc) cores, load $load, commit $(git rev-parse --short HEAD)"
printf '%-34s %8s %10s %8s %8s %12s\n' what wall_s records/s MB/s cpu_s peak_rss_MiB
row() { # row LABEL FILE
  read -r w c r <"$2"
  printf '%-34s %8s %10s %8s %8s %12s\n' "$1" "$w" "$(awk -v n="$records" -v w="$w" 'BEGIN { printf "%d", n / w }')" \
    "$(awk -v m="$mb" -v w="$w" 'BEGIN { printf "%.1f", m / w }')" "$c" "$r"
}
row "(a) kcat read to /dev/null" "$work/a.m"
row "(b) clickbatch run" "$work/b.m"
row "(c) kcat dump + DuckDB to Parquet" "$work/c.m"
row "    DuckDB part alone" "$work/duckdb.m"
read -r nw nc nr <"$work/noop.m"
printf '%-34s %8s %10s %8s %8s %12s\n' "(b) again, nothing new" "$nw" "-" "-" "$nc" "$nr"
read -r aw _ _ <"$work/a.m"; read -r bw _ _ <"$work/b.m"; read -r cw _ _ <"$work/c.m"
awk -v a="$aw" -v b="$bw" -v c="$cw" 'BEGIN { printf "ratios (records/s): b/a = %.2f (target >= 0.6), b/c = %.2f (target >= 1.2)\n", a / b, c / b }'
