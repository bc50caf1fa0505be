#!/usr/bin/env bash
# Throughput and peak memory of `clickbatch run` over growing backlogs, to show memory is bounded by configuration
# (chunk sizes, prefetch, file writers), not by the backlog.
#
# For each size: a fresh embedded Kafka with enough partitions for the mock's ~5 MiB-per-partition limit, the
# generated events, then one `clickbatch run` into a fresh lake timed by /usr/bin/time -v.
# Usage: scripts/bench-run.sh [CLICKS...]   (default: 100000 770000); extra run flags in RUN_FLAGS;
#        BENCH_BIN=path runs another build (A/B comparisons) without building (not CLICKBATCH_*: those are config);
#        PARTITIONS=N fixes the clicks partitions (checkouts: half) for every size, to compare backlogs alone.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
(( ${#sizes[@]} > 0 )) || sizes=(100000 770000)
if [[ -z "${BENCH_BIN:-}" ]]; then dotnet build src/ClickBatch -c Release -v q -nologo >/dev/null; fi
bin="${BENCH_BIN:-$PWD/src/ClickBatch/bin/Release/net10.0/clickbatch}"
work="$(mktemp -d /tmp/clickbatch-bench.XXXXXX)"
kafka_pid=
trap '[[ -n "$kafka_pid" ]] && kill -TERM "$kafka_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
echo "work folder $work; $(nproc) cores"
printf '%-10s %-10s %-9s %-9s %-9s %-12s %-11s %-10s %-10s\n' clicks records clicks_p wall_s user_s records/s max_rss_MiB files load
for clicks in "${sizes[@]}"; do
  # ~330 B per click and ~5 MiB per partition: 1 partition per 8,000 clicks, at least 8 (checkouts: half).
  partitions=$(( clicks / 8000 )); (( partitions >= 8 )) || partitions=8; (( partitions <= 1000 )) || partitions=1000
  partitions="${PARTITIONS:-$partitions}"
  dir="$work/$clicks"; mkdir -p "$dir"
  "$bin" local-kafka --topics "clicks:$partitions,checkouts:$(( (partitions + 1) / 2 ))" >"$dir/kafka.out" 2>"$dir/kafka.err" &
  kafka_pid=$!
  for _ in $(seq 1 150); do grep -q '^bootstrap.servers=' "$dir/kafka.out" 2>/dev/null && break; sleep 0.2; done
  bootstrap="$(sed -n 's/^bootstrap.servers=//p' "$dir/kafka.out")"
  "$bin" generate --bootstrap-servers "$bootstrap" --clicks "$clicks" >/dev/null 2>"$dir/generate.err"
  grep -iE 'retention|dropped|5 MiB' "$dir/generate.err" | head -1 || true
  load="$(cut -d' ' -f1 /proc/loadavg)"
  # shellcheck disable=SC2086 # RUN_FLAGS is a list of flags on purpose
  /usr/bin/time -v -o "$dir/time.txt" "$bin" run --bootstrap-servers "$bootstrap" --lake "$dir/lake" \
    --staging-dir "$dir/staging" --json ${RUN_FLAGS:-} >"$dir/run.json" 2>"$dir/run.err"
  records=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(p["records"] for t in r["topics"] for p in t["partitions"]))' "$dir/run.json")
  files=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(t["files"] for t in r["topics"]))' "$dir/run.json")
  wall=$(python3 -c 'import sys; h,m,s=(["0","0"]+sys.argv[1].split(":"))[-3:]; print(f"{int(h)*3600+int(m)*60+float(s):.1f}")' \
    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")")
  user=$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")
  rss=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt") / 1024 ))
  printf '%-10s %-10s %-9s %-9s %-9s %-12s %-11s %-10s %-10s\n' "$clicks" "$records" "$partitions" "$wall" "$user" \
    "$(python3 -c "print(round($records/$wall))")" "$rss" "$files" "$load"
  kill -TERM "$kafka_pid"; wait "$kafka_pid" || true; kafka_pid=
  rm -rf "$dir/lake" "$dir/staging"
done
