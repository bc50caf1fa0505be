using System.Globalization;
using ClickBatch.Errors;

namespace ClickBatch.Landing;

/// <summary>
/// A table's txn for a Kafka partition is not past the offsets its own data files hold (their
/// <see cref="KafkaOffsetsTag.Name"/>): the log was damaged outside ClickBatch, typically a commit file cut at a
/// line boundary that lost its txn lines. Running would land those records a second time, so the run refuses (exit 1).
/// </summary>
public sealed class OffsetsContradictionException : ClickBatchException
{
    public OffsetsContradictionException(Uri table, long version, int partition, string appId, long? txnOffset, long tagMaxOffset, string file, long? addedIn)
        : base(Format(table, version, partition, appId, txnOffset, tagMaxOffset, file, addedIn))
    {
        With("Table", table.ToString()).With("DeltaVersion", version).With("Partition", partition).With("AppId", appId)
            .With("TxnOffset", txnOffset).With("TagMaxOffset", tagMaxOffset).With("File", file).With("AddedInVersion", addedIn);
    }

    private static string Format(Uri table, long version, int partition, string appId, long? txnOffset, long tagMaxOffset, string file, long? addedIn)
    {
        var max = tagMaxOffset.ToString(CultureInfo.InvariantCulture);
        var txn = txnOffset is { } next
            ? "its txn '" + appId + "' says the next offset to read is " + next.ToString(CultureInfo.InvariantCulture)
            : "it has no txn '" + appId + "' at all";
        var where = addedIn is { } v ? "added in version " + v.ToString(CultureInfo.InvariantCulture) : "added at or before the checkpoint";
        var commit = addedIn is { } w ? "_delta_log/" + Delta.Log.LogFile.FormatVersion(w) + ".json" : "the commit that added it";
        return "Table " + table + " at Delta version " + version.ToString(CultureInfo.InvariantCulture) + " contradicts itself for Kafka partition "
            + partition.ToString(CultureInfo.InvariantCulture) + ": " + txn + ", but its data file " + file + " (" + where + ") holds offsets up to "
            + max + " (tag " + KafkaOffsetsTag.Name + "). Expected every txn to be past the offsets of the files it committed; the log was "
            + "damaged outside ClickBatch (a commit file that lost its txn lines), and a run would land "
            + (txnOffset is { } from ? "offsets " + from.ToString(CultureInfo.InvariantCulture) + ".." + max : "this partition from --starting-offsets")
            + " a second time. Nothing was read or written. Restore " + commit + " from a backup or an earlier object version (the lake bucket "
            + "is versioned), then rerun.";
    }
}
