using ClickBatch.Storage;
using System.Text.RegularExpressions;

namespace ClickBatch.Configuration;

/// <summary>Checks every option at once and returns every problem, so a user fixes them in one go (exit 2).</summary>
public static partial class OptionsValidator
{
    private static readonly string[] StartingOffsets = ["earliest", "latest", "group"];
    private static readonly string[] Partitionings = ["dt", "kafka-dt", "none"];

    public static IReadOnlyList<string> Validate(ClickBatchOptions options)
    {
        var problems = new List<string>();
        ValidateJob(options, problems);
        problems.AddRange(options.Kafka.ToSettings().Validate());
        ValidateRun(options.Run, problems);
        ValidateTopics(options.Topics, problems);
        RedshiftOptionsValidator.Validate(options.Catalog, problems);
        return problems;
    }

    private static void ValidateJob(ClickBatchOptions options, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(options.Lake))
        {
            problems.Add("the lake location is missing: pass --lake PATH|s3://bucket/prefix or set Lake in the config file.");
        }
        else if (StoreLocation.Problem(options.Lake) is { } problem)
        {
            problems.Add("--lake " + problem);
        }

        if (options.Catalog.GlueDatabase is { Length: > 0 } database && !GlueNamePattern().IsMatch(database))
        {
            problems.Add($"--glue-database '{database}' must be 1-255 lower-case letters, digits or underscores (a Glue name).");
        }

        if (!IdPattern().IsMatch(options.JobId))
        {
            problems.Add($"job id '{options.JobId}' must be 1-100 characters of letters, digits, '.', '_' or '-'.");
        }
    }

    private static void ValidateRun(RunOptions run, List<string> problems)
    {
        CheckOneOf(run.StartingOffsets, StartingOffsets, "--starting-offsets", problems);
        if (double.IsNaN(run.MaxRejectRatio) || run.MaxRejectRatio is < 0 or > 1)
        {
            problems.Add($"--max-reject-ratio must be between 0 and 1, found {run.MaxRejectRatio}.");
        }

        CheckPositive(run.TargetFileSizeMiB, "--target-file-size-mib", problems);
        CheckPositive(run.RowGroupRows, "Run.RowGroupRows", problems);
        CheckPositive(run.CommitEveryRecords, "--commit-every-records", problems);
        CheckPositive(run.CommitEveryMiB, "Run.CommitEveryMiB", problems);
        CheckPositive(run.MaxOpenFiles, "Run.MaxOpenFiles", problems);
        if (run.WriterThreads is < 0 or > MaxWriterThreads)
        {
            problems.Add($"Run.WriterThreads is {run.WriterThreads}; expected 0 (one per core, at most {MemoryLimit.MaxAutoWriterThreads}) or 1-{MaxWriterThreads}.");
        }
    }

    /// <summary>Most <c>Run.WriterThreads</c> accepted.</summary>
    public const int MaxWriterThreads = 16;

    private static void ValidateTopics(List<TopicOptions> topics, List<string> problems)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (string.IsNullOrWhiteSpace(topic.Name) || !TopicPattern().IsMatch(topic.Name))
            {
                problems.Add($"Topics[{i}].Name '{topic.Name}' is not a valid Kafka topic name (letters, digits, '.', '_', '-').");
            }

            CheckOneOf(topic.Partitioning, Partitionings, $"Topics[{i}].Partitioning", problems);
        }

        foreach (var duplicate in topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"topic '{duplicate.Key}' is configured {duplicate.Count()} times; each topic lands in one table.");
        }
    }

    private static void CheckOneOf(string value, string[] allowed, string name, List<string> problems)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{name} must be one of {string.Join(", ", allowed)}, found '{value}'.");
        }
    }

    private static void CheckPositive(long value, string name, List<string> problems)
    {
        if (value <= 0)
        {
            problems.Add($"{name} must be greater than 0, found {value}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9_]{1,255}$")]
    private static partial Regex GlueNamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicPattern();
}
