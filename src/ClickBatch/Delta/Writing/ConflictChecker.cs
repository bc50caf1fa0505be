using ClickBatch.Delta.Actions;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// Decides whether a commit that won the race for our version conflicts with ours logically. Appends by others
/// never conflict; our txn appIds, metadata, protocol and the files we remove must be untouched.
/// </summary>
public static class ConflictChecker
{
    public static void Check(Uri table, long winningVersion, IReadOnlyList<DeltaAction> winner, IReadOnlyCollection<DeltaAction> ours,
        Func<DeltaAction, string?>? extraRule = null)
    {
        var ourApps = ours.Where(a => a.Txn is not null).Select(a => a.Txn!.AppId).ToHashSet(StringComparer.Ordinal);
        var ourRemoves = ours.Where(a => a.Remove is not null).Select(a => a.Remove!.Key).ToHashSet();
        foreach (var action in winner)
        {
            var reason = Reason(action, ourApps, ourRemoves) ?? extraRule?.Invoke(action);
            if (reason is not null)
            {
                throw new DeltaConflictException(table, winningVersion, reason);
            }
        }
    }

    private static string? Reason(DeltaAction action, HashSet<string> ourApps, HashSet<LogicalFileKey> ourRemoves)
    {
        if (action.Txn is { } txn && ourApps.Contains(txn.AppId))
        {
            return "advanced application transaction '" + txn.AppId + "' to " + txn.Version + " (another writer took the same Kafka partitions)";
        }

        if (action.Metadata is not null)
        {
            return "changed the table metadata (schema, partitioning or properties)";
        }

        if (action.Protocol is not null)
        {
            return "changed the table protocol";
        }

        return action.Remove is { } remove && ourRemoves.Contains(remove.Key)
            ? "removed file '" + remove.Path + "' that this commit removes too"
            : null;
    }
}
