using System.Globalization;

namespace ClickBatch.Kafka;

/// <summary>How a run gets the Kafka partitions it drains (docs/scale-out.md).</summary>
public enum AssignmentMode
{
    /// <summary>Every partition of every topic, assigned by the run itself (one task; the default).</summary>
    All,

    /// <summary>The partitions the consumer group's coordinator assigns; N identical tasks share the work.</summary>
    Group,

    /// <summary>Partitions p with p mod N = K of every topic, for schedulers that hand out an index (AWS Batch arrays).</summary>
    Shard,
}

/// <summary>
/// Which partitions a run drains: all, a fixed shard <c>K/N</c>, or the consumer group's assignment. Frozen in
/// <see cref="Configuration.RunSettings"/>; shown in the run report.
/// </summary>
public sealed record PartitionAssignment(AssignmentMode Mode, int ShardIndex = 0, int ShardCount = 1)
{
    public static PartitionAssignment All { get; } = new(AssignmentMode.All);

    public static PartitionAssignment Group { get; } = new(AssignmentMode.Group);

    /// <summary>True when the run chooses its partitions itself (all or a shard), false when the group coordinator does.</summary>
    public bool IsExplicit => Mode != AssignmentMode.Group;

    /// <summary>Whether an explicitly assigned run drains <paramref name="partition"/>; every partition under group assignment (the coordinator decides).</summary>
    public bool Includes(int partition) => Mode != AssignmentMode.Shard || partition % ShardCount == ShardIndex;

    /// <summary>
    /// Parses <c>--assignment</c> (all or group) and <c>--shard K/N</c> (0 &lt;= K &lt; N); a shard implies explicit
    /// assignment. Adds every problem to <paramref name="problems"/> and returns null when there is one.
    /// </summary>
    public static PartitionAssignment? Parse(string? assignment, string? shard, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var mode = (assignment ?? "all").Trim().ToLowerInvariant();
        if (mode is not ("all" or "group"))
        {
            problems.Add($"--assignment is '{assignment}'; expected all (this task drains every partition) or group (tasks of one job share "
                + "the partitions through the Kafka consumer group).");
            return null;
        }

        if (string.IsNullOrWhiteSpace(shard))
        {
            return mode == "group" ? Group : All;
        }

        if (mode == "group")
        {
            problems.Add($"--shard {shard} and --assignment group both choose the partitions; give one of them.");
            return null;
        }

        var parts = shard.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || index >= count)
        {
            problems.Add($"--shard is '{shard}'; expected K/N with 0 <= K < N, e.g. 0/3 for the first of three tasks "
                + "(AWS Batch: --shard $AWS_BATCH_JOB_ARRAY_INDEX/N).");
            return null;
        }

        return new PartitionAssignment(AssignmentMode.Shard, index, count);
    }

    public override string ToString() => Mode switch
    {
        AssignmentMode.Shard => string.Create(CultureInfo.InvariantCulture, $"shard {ShardIndex}/{ShardCount}"),
        AssignmentMode.Group => "group",
        _ => "all",
    };
}
