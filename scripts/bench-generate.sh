#!/usr/bin/env bash
# Generator throughput without Kafka: plans and encodes N clicks (default 1,000,000) plus their checkouts,
# duplicates and malformed records, (1) discarding them (--dry-run) and (2) writing the file format to /dev/null.
# Prints wall and CPU time per run; the "Generated ... records/s" log line excludes planning.
# Usage: scripts/bench-generate.sh [CLICKS]
set -euo pipefail
cd "$(dirname "$0")/.."
clicks="${1:-1000000}"
dotnet build src/ClickBatch -c Release -v q -nologo >/dev/null
bin=src/ClickBatch/bin/Release/net10.0/clickbatch
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for mode in "--dry-run" "--output /dev/null"; do
  echo "== clickbatch generate --clicks $clicks $mode"
  # shellcheck disable=SC2086 # $mode is two words on purpose
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" \
    "$bin" generate --clicks "$clicks" $mode 2>&1 >/dev/null | grep -oE 'Generated [0-9]+ records in [0-9.]+ s \([0-9]+ records/s|wall .*'
done
