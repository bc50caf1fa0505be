using ClickBatch.Delta.Actions;

namespace ClickBatch.Delta.Snapshots;

/// <summary>
/// PROTOCOL.md "Action Reconciliation", applied in log order: the newest reference to a logical file
/// (path, dvId) wins, the latest protocol and metaData win, the latest txn per appId wins, the latest
/// domainMetadata per domain wins (removed = tombstone).
/// </summary>
public sealed class LogReplay
{
    private readonly Dictionary<LogicalFileKey, AddFile> _adds = [];
    private readonly Dictionary<LogicalFileKey, long> _addedIn = [];
    private readonly Dictionary<LogicalFileKey, RemoveFile> _removes = [];
    private readonly Dictionary<string, TransactionAction> _transactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DomainMetadataAction> _domains = new(StringComparer.Ordinal);
    private readonly List<CommitRecord> _commits = [];

    /// <summary>A replay that continues from <paramref name="snapshot"/>: its state, as if its log had been applied.</summary>
    public static LogReplay From(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var replay = new LogReplay { Protocol = snapshot.Protocol, Metadata = snapshot.Metadata };
        foreach (var add in snapshot.ActiveFiles)
        {
            replay._adds[add.Key] = add;
        }

        foreach (var remove in snapshot.Tombstones)
        {
            replay._removes[remove.Key] = remove;
        }

        foreach (var (key, version) in snapshot.AddedIn)
        {
            replay._addedIn[key] = version;
        }

        foreach (var (appId, txn) in snapshot.Transactions)
        {
            replay._transactions[appId] = txn;
        }

        foreach (var (domain, action) in snapshot.DomainMetadata)
        {
            replay._domains[domain] = action;
        }

        replay._commits.AddRange(snapshot.Commits);
        return replay;
    }

    public ProtocolAction? Protocol { get; private set; }

    public MetadataAction? Metadata { get; private set; }

    /// <summary>Applies the actions of one commit (or of a checkpoint, with <paramref name="commitVersion"/> null).</summary>
    public void Apply(IEnumerable<DeltaAction> actions, long? commitVersion)
    {
        foreach (var action in actions)
        {
            Apply(action, commitVersion);
        }
    }

    public Snapshot ToSnapshot(Uri table, long version, long? checkpointVersion)
    {
        if (Protocol is null || Metadata is null)
        {
            throw new DeltaLogCorruptException(
                "Expected the log of " + table + " up to version " + version + " to contain a protocol and a metaData action, but "
                + (Protocol is null ? "protocol" : "metaData") + " is missing. The log is damaged or not a Delta table.")
                .With("Table", table.ToString()).With("DeltaVersion", version);
        }

        return new Snapshot(table, version, Protocol, Metadata, [.. _adds.Values], [.. _removes.Values],
            new Dictionary<string, TransactionAction>(_transactions, StringComparer.Ordinal),
            new Dictionary<string, DomainMetadataAction>(_domains, StringComparer.Ordinal), [.. _commits], checkpointVersion, _addedIn);
    }

    private void Apply(DeltaAction action, long? commitVersion)
    {
        if (action.Add is { } add)
        {
            _removes.Remove(add.Key);
            _adds[add.Key] = add;
            SetAddedIn(add.Key, commitVersion);
        }
        else if (action.Remove is { } remove)
        {
            _adds.Remove(remove.Key);
            _addedIn.Remove(remove.Key);
            _removes[remove.Key] = remove;
        }
        else
        {
            ApplyNonFileAction(action, commitVersion);
        }
    }

    private void SetAddedIn(LogicalFileKey key, long? commitVersion)
    {
        if (commitVersion is { } version)
        {
            _addedIn[key] = version;
        }
        else
        {
            _addedIn.Remove(key);
        }
    }

    private void ApplyNonFileAction(DeltaAction action, long? commitVersion)
    {
        if (action.Txn is { } txn)
        {
            _transactions[txn.AppId] = txn;
        }
        else if (action.Protocol is { } protocol)
        {
            Protocol = protocol;
        }
        else if (action.Metadata is { } metadata)
        {
            Metadata = metadata;
        }
        else if (action.DomainMetadata is { } domain)
        {
            ApplyDomain(domain);
        }
        else if (action.CommitInfo is { } commitInfo && commitVersion is { } version)
        {
            _commits.Add(new CommitRecord(version, commitInfo));
        }
    }

    private void ApplyDomain(DomainMetadataAction domain)
    {
        if (domain.Removed)
        {
            _domains.Remove(domain.Domain);
        }
        else
        {
            _domains[domain.Domain] = domain;
        }
    }
}
