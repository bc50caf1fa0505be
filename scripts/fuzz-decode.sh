#!/usr/bin/env bash
# Decoder fuzzer (docs/decoding.md "Fuzzing"): mutates generated events and checks that every case is decoded or
# rejected, never thrown, and that decoded rows and rejects keep the decoder's rules.
# Usage: scripts/fuzz-decode.sh [cases=1000000] [extra fuzz-decode flags, e.g. --seed 7 or --first-case N --cases 1]
# Prints cases/s per chunk and a total; each failing case as its number, mutation and payload hex. Exit 1 on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-1000000}"
shift || true
dotnet build src/ClickBatch -c Release -nologo -v q >/dev/null
exec dotnet src/ClickBatch/bin/Release/net10.0/clickbatch.dll fuzz-decode --cases "$cases" "$@"
