# Sourced by the benchmark scripts (run from the repository root).

# publish_clickbatch: sets $bin to BENCH_BIN, or to the image's build (the Dockerfile's flags: self-contained, ReadyToRun
# composite of the app and the framework) in .bench/publish. Its own obj and bin folders: a composite build left in the
# project's obj makes a later framework-dependent ReadyToRun publish copy a component stub without its composite image.
publish_clickbatch() {
  if [[ -z "${BENCH_BIN:-}" ]]; then
    rm -rf .bench/publish
    dotnet publish src/ClickBatch/ClickBatch.csproj -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true \
      -p:PublishReadyToRunComposite=true -p:IntermediateOutputPath="$PWD/.bench/obj-image/" -p:OutputPath="$PWD/.bench/bin-image/" \
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
