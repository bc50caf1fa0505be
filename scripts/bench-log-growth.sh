#!/usr/bin/env bash
# Per-run cost as the tables grow (issue 15: "flat from 10 to 1,000 commits"): night after night, a few new records
# land with one `run` each. At each milestone version it prints the mean wall and CPU seconds of the last 10 landing
# runs (one of every 10 commits writes a checkpoint, so a single run is either cheap or pays for one), the wall seconds
# of the milestone run itself (which always writes a checkpoint), of a run with nothing new right after it, and the
# table's active files.
#
# Usage: scripts/bench-log-growth.sh [RUNS] [CLICKS_PER_RUN]     default 1000 runs of 10 clicks
#   BENCH_BIN=path   another build, not rebuilt
# Takes about 1.2 s per run here. Run it on an idle machine (see `uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-common.sh
source scripts/lib/bench-common.sh
runs="${1:-1000}"; per_run="${2:-10}"
publish_clickbatch
work="$(mktemp -d /tmp/clickbatch-growth.XXXXXX)"
kafka_pid=
trap '{ [[ -n "$kafka_pid" ]] && kill -TERM "$kafka_pid" 2>/dev/null; wait 2>/dev/null; } || true; [[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
start_local_kafka "clicks:8,checkouts:4" "$work"
run() { # run NAME: one run into the lake; prints "wall cpu"
  /usr/bin/time -f '%e %U %S' -o "$work/$1.time" "$bin" run --bootstrap-servers "$bootstrap" --lake "$work/lake" \
    --staging-dir "$work/staging" --json >"$work/$1.json" 2>"$work/$1.err" || { echo "run failed: $(tail -3 "$work/$1.err")" >&2; exit 1; }
  tail -1 "$work/$1.time" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
echo "clickbatch log growth: $runs runs of $per_run clicks, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
printf '%8s %10s %12s %12s %10s %12s %8s %11s\n' run clicks_v last10_run_s last10_cpu_s run_s nothing_new_s files checkpoint
walls=(); cpus=()
for i in $(seq 1 "$runs"); do
  "$bin" generate --bootstrap-servers "$bootstrap" --clicks "$per_run" --seed "$i" --malformed-ratio 0 >/dev/null 2>"$work/generate.err"
  figures="$(run landed)"
  walls+=("${figures%% *}"); cpus+=("${figures##* }")
  if [[ "$i" -eq 1 || "$i" -eq 10 || "$i" -eq 30 || "$i" -eq 100 || "$i" -eq 300 || "$i" -eq "$runs" ]]; then
    version=$(ls "$work/lake/clicks/_delta_log" | grep -c '\.json$'); version=$(( version - 1 ))
    noop="$(run noop)"
    files=$(find "$work/lake/clicks" -name '*.parquet' -not -path '*_delta_log*' | wc -l)
    checkpoint=$(sed -n 's/.*"version":\([0-9]*\).*/\1/p' "$work/lake/clicks/_delta_log/_last_checkpoint" 2>/dev/null || echo -)
    window=$(( i < 10 ? i : 10 ))
    mean_wall=$(printf '%s\n' "${walls[@]: -$window}" | awk '{ s += $1 } END { printf "%.2f", s / NR }')
    mean_cpu=$(printf '%s\n' "${cpus[@]: -$window}" | awk '{ s += $1 } END { printf "%.2f", s / NR }')
    printf '%8s %10s %12s %12s %10s %12s %8s %11s\n' "$i" "$version" "$mean_wall" "$mean_cpu" "${figures%% *}" "${noop%% *}" "$files" "$checkpoint"
  fi
done
