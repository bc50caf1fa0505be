using System.Text.Json;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;

namespace ClickBatch.Delta.Writing;

/// <summary>Writes one Delta table: creates it (version 0) and starts transactions against a snapshot.</summary>
public sealed class DeltaTable
{
    public const string EngineName = "ClickBatch";

    public DeltaTable(IObjectStore store, DeltaWriterOptions options)
    {
        Log = new DeltaLog(store, options.Logger);
        Options = options;
        Commits = new CommitWriter(Log, options.Logger);
    }

    public DeltaLog Log { get; }

    public DeltaWriterOptions Options { get; }

    internal CommitWriter Commits { get; }

    public static string EngineInfo => EngineName + "/" + (typeof(DeltaTable).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>Creates the table as version 0; throws <see cref="DeltaConflictException"/> when version 0 exists.</summary>
    public async Task<Snapshot> CreateAsync(TableDefinition definition, CancellationToken cancellationToken)
    {
        var txnId = NewTxnId();
        if (!await Commits.TryWriteAsync(0, DeltaActionSerializer.Serialize(CreationActions(definition, txnId)), txnId, cancellationToken))
        {
            throw new DeltaConflictException(Log.Table, 0, "already created the table");
        }

        return await Log.GetSnapshotAsync(0, cancellationToken);
    }

    /// <summary>The latest snapshot, creating the table first when it does not exist (a concurrent creator wins harmlessly).</summary>
    public async Task<Snapshot> CreateIfNotExistsAsync(TableDefinition definition, CancellationToken cancellationToken)
    {
        if (!await Log.ExistsAsync(cancellationToken))
        {
            var txnId = NewTxnId();
            await Commits.TryWriteAsync(0, DeltaActionSerializer.Serialize(CreationActions(definition, txnId)), txnId, cancellationToken);
        }

        return await Log.GetSnapshotAsync(null, cancellationToken);
    }

    /// <summary>Starts a transaction that reads <paramref name="readSnapshot"/> and commits the next version.</summary>
    public DeltaTransaction StartTransaction(Snapshot readSnapshot, string operation) => new(this, readSnapshot, operation);

    /// <summary>The latest txn version of an application (the exactly-once check), or null when it never committed.</summary>
    public async Task<long?> GetTransactionVersionAsync(string appId, CancellationToken cancellationToken) =>
        (await Log.GetSnapshotAsync(null, cancellationToken)).GetTransactionVersion(appId);

    /// <summary>A fresh commit id for commitInfo.txnId, from <see cref="DeltaWriterOptions.NewCommitId"/>.</summary>
    internal string NewTxnId() => Options.NewCommitId().ToString();

    internal CommitInfoAction CommitInfo(string operation, IReadOnlyDictionary<string, string> parameters, string txnId)
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["clientVersion"] = JsonSerializer.SerializeToElement(EngineInfo),
            [CommitWriter.TxnIdField] = JsonSerializer.SerializeToElement(txnId),
        };
        if (Options.RunId is { } runId)
        {
            extra["clickbatch.runId"] = JsonSerializer.SerializeToElement(runId);
        }

        return new CommitInfoAction
        {
            Timestamp = Options.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Operation = operation,
            OperationParameters = parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal),
            EngineInfo = EngineInfo,
            Extra = extra,
        };
    }

    private List<DeltaAction> CreationActions(TableDefinition definition, string txnId)
    {
        ValidateDefinition(definition);
        var metadata = new MetadataAction
        {
            Id = Options.NewId().ToString(),
            Name = definition.Name,
            Description = definition.Description,
            SchemaString = DeltaSchema.Serialize(definition.Schema),
            PartitionColumns = definition.PartitionColumns,
            CreatedTime = Options.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Configuration = definition.Configuration,
        };
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["partitionBy"] = JsonSerializer.Serialize(definition.PartitionColumns),
        };
        return [DeltaAction.Of(CommitInfo("CREATE TABLE", parameters, txnId)), DeltaAction.Of(ProtocolFor(definition.Schema)), DeltaAction.Of(metadata)];
    }

    /// <summary>Legacy 1/2 (widest reader support) unless the schema needs timestamp_ntz, which needs 3/7 features.</summary>
    internal static ProtocolAction ProtocolFor(StructType schema) =>
        schema.ToTypeString().Contains("timestamp_ntz", StringComparison.Ordinal)
            ? new ProtocolAction { MinReaderVersion = 3, MinWriterVersion = 7, ReaderFeatures = ["timestampNtz"], WriterFeatures = ["timestampNtz"] }
            : new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 };

    private static void ValidateDefinition(TableDefinition definition)
    {
        var problems = definition.PartitionColumns
            .Where(c => definition.Schema.Find(c) is not { Type: PrimitiveType or DecimalType })
            .Select(c => "partition column '" + c + "' must be a top-level primitive column of the schema")
            .ToList();
        if (problems.Count > 0)
        {
            throw new Errors.ConfigurationException(problems);
        }
    }
}
