using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;

namespace ClickBatch.Delta.Writing;

/// <summary>Checks a commit before it is attempted: writable protocol, append-only rule, one action per logical file and appId.</summary>
public static class CommitValidator
{
    public static void Validate(Uri table, Snapshot readSnapshot, IReadOnlyList<DeltaAction> actions)
    {
        var metadata = actions.LastOrDefault(a => a.Metadata is not null)?.Metadata ?? readSnapshot.Metadata;
        DeltaWriteSupport.EnsureCanWrite(table, readSnapshot.Protocol, metadata);
        var problems = new List<string>();
        if (IsAppendOnly(readSnapshot) && actions.Any(a => a.Remove is { DataChange: true }))
        {
            problems.Add("the table is append-only (delta.appendOnly=true) but the commit removes data");
        }

        problems.AddRange(Duplicates(actions.Where(a => a.Add is not null).Select(a => a.Add!.Path), "add"));
        problems.AddRange(Duplicates(actions.Where(a => a.Remove is not null).Select(a => a.Remove!.Path), "remove"));
        problems.AddRange(Duplicates(actions.Where(a => a.Txn is not null).Select(a => a.Txn!.AppId), "txn appId"));
        if (actions.Count(a => a.Metadata is not null) > 1)
        {
            problems.Add("more than one metaData action");
        }

        if (problems.Count > 0)
        {
            throw new ClickBatchException("Expected a valid Delta commit for " + table + ", but " + string.Join("; ", problems)
                + ". This is a ClickBatch bug; nothing was written.").With("Table", table.ToString());
        }
    }

    private static bool IsAppendOnly(Snapshot snapshot) =>
        string.Equals(snapshot.GetConfiguration("delta.appendOnly"), "true", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Duplicates(IEnumerable<string> keys, string kind) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => "duplicate " + kind + " '" + g.Key + "'");
}
