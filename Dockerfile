# syntax=docker/dockerfile:1
# ClickBatch job image: multi-stage, self-contained publish on the .NET runtime-deps image, non-root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/BannedSymbols.txt src/
COPY src/ClickBatch/ClickBatch.csproj src/ClickBatch/
RUN dotnet restore src/ClickBatch/ClickBatch.csproj -r linux-x64 -p:SelfContained=true -p:PublishReadyToRun=true
COPY src/ src/
# ReadyToRun: precompiled code for start-up and the first pass over the data; about 7 % less wall per run on 1M records.
# Self-contained with one composite ReadyToRun image of the app and the framework: calls into the framework are inlined
# and its generic code over ClickBatch's types is precompiled, so less is JIT-compiled during a run; about 5 % less wall
# again (docs/benchmarks.md, issue 15).
RUN dotnet publish src/ClickBatch/ClickBatch.csproj -c Release -r linux-x64 --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true --no-restore -o /app \
 && find /app -path '*/runtimes/*' -type d \( -name 'win*' -o -name 'osx*' -o -name 'linux-arm*' -o -name 'linux-musl*' \) -prune -exec rm -rf {} +

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
# ca-certificates: TLS to Kafka (SASL_SSL) and AWS. The native libraries the job loads ship in the publish output:
# librdkafka (Confluent.Kafka; on Debian it loads the bundled centos8 build), ParquetSharp's and DuckDB's.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV DOTNET_gcServer=0 \
    TMPDIR=/tmp
# The runtime image's built-in unprivileged user.
USER $APP_UID
ENTRYPOINT ["/app/clickbatch"]
CMD ["--help"]
