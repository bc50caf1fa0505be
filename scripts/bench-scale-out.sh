#!/usr/bin/env bash
# Issue 16: the same data drained by 1, 2 and 3 `clickbatch run --assignment group` processes at once (3 brokers,
# 24 partitions). On this 2-core machine the figures show correctness and overhead, not speed-up: the processes share
# the same two cores. Each drain lands into a fresh lake with its own consumer group; verify-offsets must say EXACT.
#
# Usage: scripts/bench-scale-out.sh [CLICKS]     default 770000 clicks (about 1M records)
#   BENCH_BIN=path   another build, not rebuilt
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/bench-common.sh
source scripts/lib/bench-common.sh
clicks="${1:-770000}"
publish_clickbatch
work="$(mktemp -d /tmp/clickbatch-scale.XXXXXX)"
kafka_pid=
trap '{ [[ -n "$kafka_pid" ]] && kill -TERM "$kafka_pid" 2>/dev/null; wait 2>/dev/null; } || true; [[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
"$bin" local-kafka --brokers 3 --topics "clicks:16,checkouts:8" >"$work/kafka.out" 2>"$work/kafka.err" &
kafka_pid=$!
for _ in $(seq 1 150); do grep -q '^bootstrap.servers=' "$work/kafka.out" 2>/dev/null && break; sleep 0.2; done
bootstrap="$(sed -n 's/^bootstrap.servers=//p' "$work/kafka.out")"
[[ -n "$bootstrap" ]] || { echo "local Kafka did not start: $(cat "$work/kafka.err")" >&2; exit 1; }
"$bin" generate --bootstrap-servers "$bootstrap" --clicks "$clicks" >/dev/null 2>"$work/generate.err"
echo "clickbatch scale-out: $clicks clicks, 3 brokers, 24 partitions, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
printf '%6s %9s %8s %9s %12s %16s %10s %s\n' tasks records wall_s cpu_s records/s records/s/task max_rss_MiB verdict
# "all": one task with explicit assignment (no group join), the baseline of the group runs.
for tasks in all 1 2 3; do
  mode=group; n="$tasks"
  [[ "$tasks" == all ]] && { mode=all; n=1; }
  lake="$work/lake-$tasks"
  start=$(date +%s.%N)
  pids=()
  for t in $(seq 1 "$n"); do
    CLICKBATCH_RUN__TASKID="task-$t" /usr/bin/time -f '%U %S %M' -o "$work/$tasks-$t.time" "$bin" run --bootstrap-servers "$bootstrap" \
      --lake "$lake" --staging-dir "$work/staging-$tasks-$t" --assignment "$mode" --group-id "bench-$tasks" --json \
      >"$work/$tasks-$t.json" 2>"$work/$tasks-$t.err" &
    pids+=($!)
  done
  wait "${pids[@]}"
  end=$(date +%s.%N)
  records=$(python3 -c 'import json,sys; print(sum(json.load(open(f))["records"] for f in sys.argv[1:]))' "$work/$tasks"-*.json)
  cpu=$(cat "$work/$tasks"-*.time | awk '{ s += $1 + $2 } END { printf "%.1f", s }')
  rss=$(cat "$work/$tasks"-*.time | awk '{ if ($3 > m) m = $3 } END { printf "%d", m / 1024 }')
  verdict=$("$bin" verify-offsets --bootstrap-servers "$bootstrap" --lake "$lake" 2>&1 | sed -n 's/^VERDICT: \([A-Z]*\).*/\1/p')
  awk -v t="$tasks" -v n="$n" -v r="$records" -v s="$start" -v e="$end" -v c="$cpu" -v m="$rss" -v v="$verdict" \
    'BEGIN { w = e - s; printf "%6s %9d %8.2f %9s %12.0f %16.0f %10d %s\n", t, r, w, c, r / w, r / w / n, m, v }'
done
