#!/usr/bin/env bash
# The project's test command (README Quick start, .ci/run): unit and integration tests, in Release.
# Integration tests start their own servers (embedded Kafka, moto_server, DuckDB) and fail if one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# The terraform syntax check parses HCL with @cdktf/hcl2json (terraform itself cannot be installed here).
if [ ! -d scripts/hcl/node_modules/@cdktf/hcl2json ]; then
  npm ci --prefix scripts/hcl --no-audit --no-fund --loglevel=error
fi
dotnet test ClickBatch.sln -c Release --logger "console;verbosity=normal" "$@"
