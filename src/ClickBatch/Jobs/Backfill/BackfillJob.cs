using ClickBatch.Catalog;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Writing;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// <c>clickbatch backfill</c>: re-reads a bounded offset range of one topic and replaces exactly the rows of that range
/// in its table, then in its rejects table, one commit each (docs/maintenance.md "Backfill"). Rows are decoded and
/// written as <c>run</c> writes them (same schema, partitioning, file layout, tags); txn actions are never touched.
/// </summary>
public sealed class BackfillJob(IKafkaSource source, Func<string, IObjectStore> stores, ICatalogSync? catalog, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<BackfillJob>();

    /// <summary>Resolves and validates the range; throws <see cref="Errors.ConfigurationException"/> (exit 2) listing every problem.</summary>
    public Task<BackfillPlan> PlanAsync(BackfillOptions options, CancellationToken cancellationToken) =>
        new BackfillPlanner(source, stores).PlanAsync(options, cancellationToken);

    /// <summary>What the plan would read, remove and rewrite, from the snapshots alone: reads no record, writes nothing.</summary>
    public static BackfillResult DryRun(BackfillPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var topic = plan.Options.Topic;
        return new BackfillResult(topic.Topic, plan.Partitions,
            RangeReplacer.Describe(NameOf(topic.TableUri), plan.Data, plan.Ranges, []),
            RangeReplacer.Describe(NameOf(topic.RejectsTableUri), plan.Rejects, plan.Ranges, []), DryRun: true);
    }

    public async Task<BackfillResult> ExecuteAsync(BackfillPlan plan, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (settings, topic) = (plan.Options.Settings, plan.Options.Topic);
        var staging = Path.Combine(settings.StagingDirectory, runId);
        try
        {
            await using var sink = new TopicFileSink(topic.Schema, new DecoderOptions(runId, clock.GetUtcNow(), topic.Partitioning),
                Path.Combine(staging, "data"), Path.Combine(staging, "rejects"), settings.Files, _logger);
            var partitions = await ReadAsync(plan, sink, cancellationToken);
            var decoded = await sink.CompleteAsync(cancellationToken);
            BackfillLog.Decoded(_logger, topic.Topic, decoded.RecordsIn, decoded.Rows, decoded.Rejects);
            var data = await Replacer(topic.TableUri, runId, settings, staging).ReplaceAsync(NameOf(topic.TableUri), plan.Ranges, decoded.DataFiles, cancellationToken);

            // Once the table is committed, its rejects table follows even when a signal arrives: apart, a record that
            // changed sides would be in both tables (or neither) until the backfill is repeated.
            var rejects = await Replacer(topic.RejectsTableUri, runId, settings, staging)
                .ReplaceAsync(NameOf(topic.RejectsTableUri), plan.Ranges, decoded.RejectFiles, CancellationToken.None);
            return new BackfillResult(topic.Topic, partitions, data, rejects, DryRun: false);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task<IReadOnlyList<BackfillPartition>> ReadAsync(BackfillPlan plan, TopicFileSink sink, CancellationToken cancellationToken)
    {
        var tallies = plan.Partitions.ToDictionary(p => p.Partition, _ => new PartitionTally());
        foreach (var range in plan.Ranges.Ranges)
        {
            BackfillLog.PartitionPlanned(_logger, range.Topic, range.Partition, range.From, range.To);
        }

        await foreach (var batch in source.ReadAsync(plan.Ranges.Ranges, cancellationToken))
        {
            foreach (var record in batch.Records)
            {
                var tally = tallies[record.Partition];
                tally.Records++;
                if (sink.Add(new RawRecord(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.Key, record.Value)) == SinkOutcome.Row)
                {
                    tally.Rows++;
                }
                else
                {
                    tally.Rejects++;
                }
            }
        }

        return plan.Partitions.Select(p => p with { Records = tallies[p.Partition].Records, Rows = tallies[p.Partition].Rows, Rejects = tallies[p.Partition].Rejects }).ToList();
    }

    private RangeReplacer Replacer(string tableUri, string runId, RunSettings settings, string staging)
    {
        var writer = new DeltaWriterOptions { Clock = clock, RunId = runId, Logger = loggers.CreateLogger("ClickBatch.Delta") };
        return new RangeReplacer(new DeltaTable(stores(tableUri), writer), settings.Files, Path.Combine(staging, "rewrite"), catalog, _logger);
    }

    private static string NameOf(string tableUri) => tableUri.TrimEnd('/').Split('/')[^1];
}
