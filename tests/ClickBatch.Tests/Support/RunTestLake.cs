using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Support;

/// <summary>A lake and staging folder for runs over a fake source: settings, a run, and the tables' txn offsets afterwards.</summary>
public sealed class RunTestLake : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string Lake => _dir.Sub("lake");

    public string Staging => _dir.Sub("staging");

    public TopicSettings Topic(TopicSchema schema) =>
        new(schema, PartitionMode.EventDate, Lake + "/" + schema.Topic, Lake + "/" + schema.Topic + "_rejects");

    public RunSettings Settings(params TopicSchema[] schemas) => new()
    {
        JobId = "job",
        LakeUri = Lake,
        Kafka = new KafkaSettings { BootstrapServers = "fake:9092" },
        Source = new KafkaSourceOptions { GroupId = "g" },
        Topics = (schemas.Length == 0 ? [BuiltInSchemas.Clicks] : schemas).Select(Topic).ToList(),
        MaxRejectRatio = 1,
        Files = new FileWriterOptions(),
        CommitEveryRecords = 2,
        StagingDirectory = Staging,
    };

    public Task<RunReport> RunAsync(IKafkaSource source, RunSettings? settings = null, Func<string, IObjectStore>? stores = null, TimeProvider? clock = null) =>
        new RunJob(settings ?? Settings(), () => new NonDisposingSource(source), NullLoggerFactory.Instance, clock ?? TimeProvider.System, stores)
            .ExecuteAsync(CancellationToken.None);

    /// <summary>The next offset a table's log holds for the partition (txn of job "job"), or null.</summary>
    public async Task<long?> TxnAsync(string table, string topic, int partition) =>
        (await SnapshotAsync(table)).GetTransactionVersion("job/" + topic + "/" + partition);

    public Task<Snapshot> SnapshotAsync(string table) =>
        new DeltaLog(new LocalObjectStore(Lake + "/" + table)).GetSnapshotAsync(null, CancellationToken.None);

    /// <summary>Every ledger entry of the lake, newest first.</summary>
    public Task<IReadOnlyList<RunReport>> LedgerAsync() =>
        new RunLedger(new LocalObjectStore(Lake)).ReadLatestAsync(100, operation: null, CancellationToken.None);

    public void Dispose() => _dir.Dispose();
}
