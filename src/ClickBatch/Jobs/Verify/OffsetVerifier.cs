using System.Globalization;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.Landing;
using ClickBatch.Storage;
using Confluent.Kafka;
using DuckDB.NET.Data;

namespace ClickBatch.Jobs.Verify;

/// <summary>
/// The exactly-once check of issue 4, independent of the run's own bookkeeping: Kafka's watermarks from a plain
/// consumer, and the (partition, offset) of every row in the active files of the table and its rejects table,
/// read by DuckDB. Files of killed runs that no commit references are not read, as no reader of the table would.
/// </summary>
public sealed class OffsetVerifier(string bootstrapServers, TimeSpan timeout)
{
    public async Task<TopicVerdict> VerifyAsync(TopicSettings topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var watermarks = await Task.Run(() => Watermarks(topic.Topic), cancellationToken);
        var files = new List<string>();
        var selects = new List<string>();
        foreach (var table in new[] { topic.TableUri, topic.RejectsTableUri })
        {
            var tableFiles = await ActiveFilesAsync(table, cancellationToken);
            files.AddRange(tableFiles);
            if (tableFiles.Count > 0)
            {
                selects.Add("SELECT _kafka_partition AS p, _kafka_offset AS o FROM read_parquet([" + string.Join(", ", tableFiles.Select(Quote)) + "])");
            }
        }

        var lake = selects.Count == 0 ? [] : await CountAsync(string.Join(" UNION ALL ", selects), watermarks, cancellationToken);
        return new TopicVerdict
        {
            Topic = topic.Topic,
            ActiveFiles = files.Count,
            Partitions = watermarks.Select(w => Verdict(w.Key, w.Value, lake.GetValueOrDefault(w.Key))).ToList(),
        };
    }

    private static PartitionVerdict Verdict(int partition, (long Low, long High) marks, (long Rows, long Distinct, long Outside) lake) => new()
    {
        Partition = partition,
        EarliestOffset = marks.Low,
        LatestOffset = marks.High,
        LakeRecords = lake.Rows,
        DistinctOffsets = lake.Distinct,
        OutsideKafka = lake.Outside,
    };

    private SortedDictionary<int, (long Low, long High)> Watermarks(string topic)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "clickbatch-verify", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new ClickBatchException($"Topic '{topic}' is not readable on {bootstrapServers} ({metadata?.Error.Reason ?? "no partitions"}). "
                + "Expected the topic the lake was landed from.").With("Topic", topic);
        }

        var result = new SortedDictionary<int, (long, long)>();
        foreach (var partition in metadata.Partitions.Select(p => p.PartitionId))
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout);
            result[partition] = (Math.Max(0, marks.Low.Value), Math.Max(0, marks.High.Value));
        }

        return result;
    }

    /// <summary>Per partition: rows, distinct offsets, and distinct offsets outside Kafka's [low, high).</summary>
    private static async Task<Dictionary<int, (long, long, long)>> CountAsync(
        string union, SortedDictionary<int, (long Low, long High)> watermarks, CancellationToken cancellationToken)
    {
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken);
        await using var command = duck.CreateCommand();
        var bounds = watermarks.Count == 0 ? "SELECT -1 AS p, 0 AS lo, 0 AS hi"
            : string.Join(" UNION ALL ", watermarks.Select(w => string.Create(CultureInfo.InvariantCulture, $"SELECT {w.Key} AS p, {w.Value.Low} AS lo, {w.Value.High} AS hi")));
        command.CommandText = $"WITH lake AS ({union}), bounds AS ({bounds}), distinct_offsets AS (SELECT DISTINCT p, o FROM lake) "
            + "SELECT l.p, l.n, d.n, d.outside FROM (SELECT p, count(*) AS n FROM lake GROUP BY p) l "
            + "JOIN (SELECT x.p, count(*) AS n, count(*) FILTER (WHERE b.p IS NULL OR x.o < b.lo OR x.o >= b.hi) AS outside "
            + "FROM distinct_offsets x LEFT JOIN bounds b ON b.p = x.p GROUP BY x.p) d ON d.p = l.p";
        var counts = new Dictionary<int, (long, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return counts;
    }

    /// <summary>Local paths of the active files of a local table's latest snapshot; empty when the table does not exist.</summary>
    public static async Task<List<string>> ActiveFilesAsync(string tableUri, CancellationToken cancellationToken)
    {
        var store = ObjectStoreFactory.Create(tableUri);
        if (!store.RootUri.IsFile)
        {
            throw new ConfigurationException([$"verify-offsets reads local lakes only; got {tableUri}."]);
        }

        var log = new DeltaLog(store);
        if (!await log.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var snapshot = await log.GetSnapshotAsync(null, cancellationToken);
        return snapshot.ActiveFiles.Select(f => store.GetAbsoluteUri(UriPath.Unescape(f.Path)).LocalPath).ToList();
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
