# Sourced by the benchmark scripts (run from the repository root).

# publish_clickbatch: sets $bin to BENCH_BIN, or to a ReadyToRun publish (the Dockerfile's flags) in .bench/publish.
publish_clickbatch() {
  if [[ -z "${BENCH_BIN:-}" ]]; then
    dotnet publish src/ClickBatch/ClickBatch.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o .bench/publish -v q -nologo >/dev/null
  fi
  bin="${BENCH_BIN:-$PWD/.bench/publish/clickbatch}"
}

# start_local_kafka TOPICS DIR: starts `clickbatch local-kafka --topics TOPICS` in the background with its output in DIR;
# sets $kafka_pid and $bootstrap, or exits 1 saying why it did not start.
start_local_kafka() {
  "$bin" local-kafka --topics "$1" >"$2/kafka.out" 2>"$2/kafka.err" &
  kafka_pid=$!
  for _ in $(seq 1 150); do grep -q '^bootstrap.servers=' "$2/kafka.out" 2>/dev/null && break; sleep 0.2; done
  bootstrap="$(sed -n 's/^bootstrap.servers=//p' "$2/kafka.out")"
  [[ -n "$bootstrap" ]] || { echo "$(basename "$0"): local Kafka did not start: $(cat "$2/kafka.err")" >&2; exit 1; }
}
