#!/usr/bin/env bash
# The project's test command (README Quick start, .ci/run): unit and integration tests, in Release.
# Integration tests start their own servers (embedded Kafka, moto_server, DuckDB) and fail if one is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test ClickBatch.sln -c Release --logger "console;verbosity=normal" "$@"
