#!/usr/bin/env bash
# The project's test command (README Quick start, .ci/run): unit and integration tests, in Release.
# Integration tests start their own servers (embedded Kafka, moto_server, DuckDB) and fail if one is missing.
# Needs the .NET SDK (global.json), python3 and npm; what the tests need beyond them it installs itself:
#   - moto[server] and Jinja2: used from python3 when it has them, else installed into .venv/ (scripts/requirements-test.txt)
#   - the HCL parser the terraform check uses: installed into scripts/hcl/node_modules with npm
set -euo pipefail
cd "$(dirname "$0")/.."

python_ready() { "$1" -c "import moto, flask, flask_cors, jinja2" >/dev/null 2>&1; }
if ! python_ready python3; then
  if ! python_ready .venv/bin/python3; then
    echo "test.sh: python3 lacks moto[server] or Jinja2; installing scripts/requirements-test.txt into .venv/" >&2
    if ! { python3 -m venv .venv && .venv/bin/python3 -m pip install --quiet --disable-pip-version-check --timeout 30 \
        -r scripts/requirements-test.txt; }; then
      rm -rf .venv
      echo "test.sh: could not install moto[server] and Jinja2 into .venv/ (python3 -m venv needs the python3-venv package;" \
        "pip needs PyPI). Install them for python3 (pip install -r scripts/requirements-test.txt) and rerun." >&2
      exit 1
    fi
  fi
  # The tests start "python3" from PATH (moto_server, the dbt renderer): the virtual environment's, from here on.
  export PATH="$PWD/.venv/bin:$PATH"
fi

# The terraform syntax check parses HCL with @cdktf/hcl2json (terraform itself cannot be installed here).
if [ ! -d scripts/hcl/node_modules/@cdktf/hcl2json ]; then
  npm ci --prefix scripts/hcl --no-audit --no-fund --loglevel=error
fi
dotnet test ClickBatch.sln -c Release --logger "console;verbosity=normal" "$@"
