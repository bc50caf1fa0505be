using ClickBatch.Decoding;
using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Parquet;

namespace ClickBatch.Configuration;

/// <summary>Validates <see cref="ClickBatchOptions"/> as a whole and freezes them into <see cref="RunSettings"/>.</summary>
public static class RunSettingsFactory
{
    /// <exception cref="ConfigurationException">Lists every problem found, not just the first.</exception>
    public static RunSettings Create(ClickBatchOptions options)
    {
        var problems = new List<string>(OptionsValidator.Validate(options));
        var topics = ResolveTopics(options, problems);
        var assignment = PartitionAssignment.Parse(options.Run.Assignment, options.Run.Shard, problems);
        var source = options.Kafka.ToSourceOptions(options.JobId);
        // A read chunk never spans more than a commit: a commit is made after the chunk that filled it, so a chunk larger than
        // Run.CommitEveryRecords / CommitEveryMiB would make the commits coarser than configured.
        source = source with
        {
            MaxChunkRecords = (int)Math.Clamp(options.Run.CommitEveryRecords, 1, source.MaxChunkRecords),
            MaxChunkBytes = (int)Math.Clamp(options.Run.CommitEveryMiB * 1024 * 1024, 1024, source.MaxChunkBytes),
        };
        var files = new FileWriterOptions
        {
            TargetFileBytes = options.Run.TargetFileSizeMiB * 1024L * 1024,
            RowGroupRows = options.Run.RowGroupRows,
            MaxOpenFiles = options.Run.MaxOpenFiles,
        };
        // Out of range is reported by the validator; the memory figures then assume the automatic choice.
        var threads = options.Run.WriterThreads is >= 1 and <= OptionsValidator.MaxWriterThreads
            ? options.Run.WriterThreads
            : MemoryLimit.AutoWriterThreads(options.Run.MemoryLimitMiB, source, files, Environment.ProcessorCount);
        var minimum = MemoryLimit.MinimumMiB(source, files, threads);
        if (options.Run.MemoryLimitMiB < minimum)
        {
            problems.Add($"Run.MemoryLimitMiB is {options.Run.MemoryLimitMiB}; expected at least {minimum}: the runtime takes "
                + $"{MemoryLimit.RuntimeBytes >> 20} MiB, Kafka's prefetch, a fetch and {source.ReadBuffers} read chunks {(source.QueuedMaxKilobytes >> 10) + (source.FetchMaxBytes >> 20) + ((long)source.ReadBuffers * source.MaxChunkBytes >> 20)} MiB, "
                + $"a Parquet row group {files.RowGroupBytes >> 20} MiB per writer thread ({threads}), and row buffers need "
                + $"{MemoryLimit.RowBufferShareFor(threads)} row groups' worth (docs/decoding.md, \"Memory bound\")"
                + (options.Run.WriterThreads > 1 ? "; or lower Run.WriterThreads." : "."));
        }
        else
        {
            files = files with { MaxBufferedBytes = MemoryLimit.RowBufferBytes(options.Run.MemoryLimitMiB, source, files, threads) };
        }

        if (options.Run.MetricsFile is { Length: > 0 } metricsFile && MetricsFileProblem(metricsFile) is { } metricsProblem)
        {
            problems.Add("Run.MetricsFile (--metrics-file) is " + metricsFile + ", but " + metricsProblem
                + "; name a file in an existing folder, e.g. clickbatch.prom in node_exporter's textfile collector folder.");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(files.Validate());
            problems.AddRange(source.Validate());
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return new RunSettings
        {
            JobId = options.JobId,
            LakeUri = options.Lake!.TrimEnd('/'),
            Kafka = options.Kafka.ToSettings(),
            Source = source,
            Topics = topics,
            StartingOffsets = Enum.Parse<StartingOffsets>(options.Run.StartingOffsets, ignoreCase: true),
            AllowDataLoss = options.Run.AllowDataLoss,
            Assignment = assignment!,
            TaskId = string.IsNullOrWhiteSpace(options.Run.TaskId)
                ? Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : options.Run.TaskId.Trim(),
            MaxRejectRatio = options.Run.MaxRejectRatio,
            Files = files,
            WriterThreads = threads,
            CommitEveryRecords = options.Run.CommitEveryRecords,
            CommitEveryBytes = options.Run.CommitEveryMiB * 1024 * 1024,
            GlueDatabase = string.IsNullOrWhiteSpace(options.Catalog.GlueDatabase) ? null : options.Catalog.GlueDatabase,
            RedshiftCheck = RedshiftCheckOf(options.Catalog.Redshift),
            StagingDirectory = options.Run.StagingDirectory
                ?? Path.Combine(Path.GetTempPath(), "clickbatch-staging", options.JobId),
            MetricsFile = string.IsNullOrWhiteSpace(options.Run.MetricsFile) ? null : options.Run.MetricsFile,
        };
    }

    private static string? MetricsFileProblem(string path) =>
        Directory.Exists(path) || path.EndsWith('/') ? "that is a folder"
        : !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) ? "its folder " + Path.GetDirectoryName(Path.GetFullPath(path)) + " does not exist"
        : null;

    private static RedshiftCheckSettings? RedshiftCheckOf(RedshiftOptions? redshift) => redshift is null ? null : new()
    {
        Target = RedshiftOptionsValidator.ToTarget(redshift),
        IamRoleArn = redshift.IamRole!,
        ExternalSchema = redshift.ExternalSchema,
        StatementTimeout = redshift.StatementTimeout,
    };

    private static List<TopicSettings> ResolveTopics(ClickBatchOptions options, List<string> problems)
    {
        var configured = options.Topics.Count > 0
            ? options.Topics
            : [new TopicOptions { Name = "clicks" }, new TopicOptions { Name = "checkouts" }];
        var resolved = new List<TopicSettings>();
        foreach (var topic in configured.Where(t => !string.IsNullOrWhiteSpace(t.Name)))
        {
            var schema = ResolveSchema(topic, problems);
            if (schema is not null && options.Lake is { Length: > 0 } lake)
            {
                resolved.Add(new TopicSettings(schema, ParsePartitioning(topic.Partitioning),
                    TableUnder(lake, topic.Table, topic.Name!), TableUnder(lake, topic.RejectsTable, topic.Name + "_rejects")));
            }
        }

        return resolved;
    }

    private static TopicSchema? ResolveSchema(TopicOptions topic, List<string> problems)
    {
        if (topic.Schema is { Length: > 0 } definition)
        {
            // Only event-date partitioning reads the event-time field: a kafka-dt or unpartitioned topic need not have
            // one (schema infer's entry for a topic without timestamps would otherwise be refused for the default name).
            var eventTime = ParsePartitioning(topic.Partitioning) == PartitionMode.EventDate ? topic.EventTimeField : null;
            return SchemaParser.TryParse(topic.Name!, definition, eventTime, problems);
        }

        var builtIn = BuiltInSchemas.Find(topic.Name!);
        if (builtIn is null)
        {
            problems.Add($"topic '{topic.Name}' has no schema: only 'clicks' and 'checkouts' have built-in ones. If the name is a typo, fix "
                + "--topics or Topics[].Name; for another topic set Topics[].Schema, e.g. \"id:string!,amount:decimal(10,2),datetime_occured:timestamp!\".");
        }

        return builtIn;
    }

    private static PartitionMode ParsePartitioning(string value) => value.ToLowerInvariant() switch
    {
        "none" => PartitionMode.None,
        "kafka-dt" => PartitionMode.KafkaDate,
        _ => PartitionMode.EventDate,
    };

    /// <summary>A table location: absolute as given, or relative to the lake (default: the topic's name).</summary>
    private static string TableUnder(string lake, string? configured, string defaultName)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? defaultName : configured;
        return name.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(name)
            ? name.TrimEnd('/')
            : lake.TrimEnd('/') + "/" + name;
    }
}
