using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Schema;

namespace ClickBatch.Delta.Snapshots;

/// <summary>
/// The state of a table at one version: protocol, metadata (typed schema), active files, tombstones,
/// application transactions (appId to version) and the commitInfo of the commits replayed after the checkpoint.
/// </summary>
public sealed class Snapshot
{
    private readonly Lazy<StructType> _schema;
    private readonly IReadOnlyDictionary<LogicalFileKey, long> _addedIn;

    public Snapshot(
        Uri table,
        long version,
        ProtocolAction protocol,
        MetadataAction metadata,
        IReadOnlyList<AddFile> activeFiles,
        IReadOnlyList<RemoveFile> tombstones,
        IReadOnlyDictionary<string, TransactionAction> transactions,
        IReadOnlyDictionary<string, DomainMetadataAction> domainMetadata,
        IReadOnlyList<CommitRecord> commits,
        long? checkpointVersion,
        IReadOnlyDictionary<LogicalFileKey, long>? addedIn = null)
    {
        _addedIn = addedIn ?? new Dictionary<LogicalFileKey, long>();
        Table = table;
        Version = version;
        Protocol = protocol;
        Metadata = metadata;
        ActiveFiles = activeFiles;
        Tombstones = tombstones;
        Transactions = transactions;
        AppTransactions = transactions.ToDictionary(t => t.Key, t => t.Value.Version, StringComparer.Ordinal);
        DomainMetadata = domainMetadata;
        Commits = commits;
        CheckpointVersion = checkpointVersion;
        _schema = new Lazy<StructType>(() => ParseSchema(table, version, metadata.SchemaString));
    }

    public Uri Table { get; }

    public long Version { get; }

    public ProtocolAction Protocol { get; }

    public MetadataAction Metadata { get; }

    public StructType Schema => _schema.Value;

    public IReadOnlyList<string> PartitionColumns => Metadata.PartitionColumns;

    public IReadOnlyList<AddFile> ActiveFiles { get; }

    public IReadOnlyList<RemoveFile> Tombstones { get; }

    /// <summary>The latest txn action per appId, as the log holds it (lastUpdated included, for checkpoints).</summary>
    public IReadOnlyDictionary<string, TransactionAction> Transactions { get; }

    /// <summary>The latest txn version per appId.</summary>
    public IReadOnlyDictionary<string, long> AppTransactions { get; }

    public IReadOnlyDictionary<string, DomainMetadataAction> DomainMetadata { get; }

    public IReadOnlyList<CommitRecord> Commits { get; }

    /// <summary>The checkpoint the snapshot was read from, or null when replayed from commit 0.</summary>
    public long? CheckpointVersion { get; }

    /// <summary>The latest txn version committed by this application, or null if it never committed (the idempotence check).</summary>
    public long? GetTransactionVersion(string appId) => AppTransactions.TryGetValue(appId, out var v) ? v : null;

    private static StructType ParseSchema(Uri table, long version, string schemaString)
    {
        try
        {
            return DeltaSchema.Parse(schemaString);
        }
        catch (DeltaLogCorruptException ex)
        {
            throw new DeltaLogCorruptException("Table " + table + " at version " + version + ": " + ex.Message, ex.InnerException)
                .With("Table", table.ToString()).With("DeltaVersion", version);
        }
    }

    /// <summary>The version that added each active file added after the checkpoint (see <see cref="AddedInVersion"/>).</summary>
    internal IReadOnlyDictionary<LogicalFileKey, long> AddedIn => _addedIn;

    /// <summary>The commit version that added an active file, or null when it came from the checkpoint (added at or before it).</summary>
    public long? AddedInVersion(AddFile file) => _addedIn.TryGetValue(file.Key, out var version) ? version : null;

    /// <summary>A table property from metaData.configuration, or null.</summary>
    public string? GetConfiguration(string key) => Metadata.Configuration.TryGetValue(key, out var value) ? value : null;
}
