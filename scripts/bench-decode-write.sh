#!/usr/bin/env bash
# Decode + Parquet write benchmark (docs/benchmarks.md): generated click JSON -> RecordDecoder -> zstd Parquet files.
# Usage: scripts/bench-decode-write.sh [records=1000000] [extra bench-decode-write flags, e.g. --decode-only]
# Prints the tool's JSON figures (records/s wall and per CPU second, peak RSS) and /usr/bin/time's max RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
shift || true
dotnet build src/ClickBatch -c Release -nologo -v q >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "max RSS (time -f %%M): %M KiB, wall %e s, user %U s, sys %S s" \
    dotnet src/ClickBatch/bin/Release/net10.0/clickbatch.dll bench-decode-write --records "$records" "$@"
else
  dotnet src/ClickBatch/bin/Release/net10.0/clickbatch.dll bench-decode-write --records "$records" "$@"
fi
