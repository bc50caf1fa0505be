using ClickBatch.Catalog;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// <c>clickbatch run</c>: drains every topic up to the end offsets captured at start into its Delta tables,
/// exactly once (docs/exactly-once.md), and leaves a ledger entry of what it read, wrote and how it ended.
/// </summary>
public sealed class RunJob
{
    private readonly RunSettings _settings;
    private readonly Func<IKafkaSource> _sourceFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Func<string, IObjectStore> _stores;
    private readonly ICatalogSync? _catalog;

    /// <summary>Where progress is shown; default a log line per topic every 10 seconds.</summary>
    public IRunProgress? Progress { get; init; }

    /// <summary>The Redshift Data API the Spectrum check runs on; required when the settings have a RedshiftCheck.</summary>
    public IRedshiftData? Redshift { get; init; }

    /// <param name="settings">The frozen settings.</param>
    /// <param name="sourceFactory">Opens the Kafka source (a fake in tests).</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="clock">Clock for run ids, commit timestamps and ingestion time.</param>
    /// <param name="catalog">Registers every committed snapshot (Glue), or null for none.</param>
    /// <param name="stores">Opens the object store of a lake or table URI; default <see cref="ObjectStoreFactory.Create(string)"/> (local only).</param>
    public RunJob(RunSettings settings, Func<IKafkaSource> sourceFactory, ILoggerFactory loggers, TimeProvider clock, Func<string, IObjectStore>? stores = null, ICatalogSync? catalog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.WriterThreads, 1, nameof(settings));
        _settings = settings;
        _sourceFactory = sourceFactory;
        _stores = stores ?? ObjectStoreFactory.Create;
        _catalog = catalog;
        _logger = loggers.CreateLogger<RunJob>();
        _clock = clock;
        DeltaLogger = loggers.CreateLogger("ClickBatch.Delta");
    }

    private ILogger DeltaLogger { get; }

    /// <summary>
    /// Runs to the end bound and returns the report (also written to the ledger). Known failures end the run with
    /// their status and exit code in the report; <paramref name="stop"/> (SIGINT/SIGTERM) commits what is complete.
    /// </summary>
    public async Task<RunReport> ExecuteAsync(CancellationToken stop)
    {
        if (_settings.RedshiftCheck is not null && (Redshift is null || _settings.GlueDatabase is null))
        {
            throw new InvalidOperationException("The Redshift Spectrum check needs a Redshift Data API client (RunJob.Redshift) and a Glue database.");
        }

        var run = new RunState(RunId.New(_clock), _clock.GetUtcNow());
        StagingJanitor.RemoveStale(_settings.StagingDirectory, run.StartedAt);
        var ledger = new RunLedgerUpdates(new RunLedger(_stores(_settings.LakeUri)), run, _settings, _clock, _logger);
        RunLog.RunStarted(_logger, run.RunId, _settings.JobId, string.Join(",", _settings.Topics.Select(t => t.Topic)), _settings.LakeUri);
        var (status, exitCode, error) = await RunGuardedAsync(run, ledger, stop);
        if (error is not null)
        {
            // The reason in the logs too (CloudWatch, journald), not only on stdout and in the ledger.
            RunLog.RunDidNotSucceed(_logger, run.RunId, status.ToString(), exitCode, error);
        }

        var report = run.Report(_settings, status, exitCode, error, _clock);
        await ledger.EndAsync(report);
        RunLog.RunEnded(_logger, run.RunId, status.ToString(), report.Records, report.Rows, report.Rejects, report.DurationSeconds);
        await run.DisposeAsync();
        RemoveStaging(run.RunId);
        return report;
    }

    /// <summary>
    /// The run's own staging folder, once its writers are disposed: committed files were uploaded, the rest belong to
    /// no commit (issue 13: successful runs left empty trees behind). Best effort: the janitor removes it after 48 h.
    /// </summary>
    private void RemoveStaging(string runId)
    {
        var folder = Path.Combine(_settings.StagingDirectory, runId);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RunLog.StagingNotRemoved(_logger, ex, folder);
        }
    }

    private async Task<(RunStatus, int, string?)> RunGuardedAsync(RunState run, RunLedgerUpdates ledger, CancellationToken stop)
    {
        try
        {
            await DrainAsync(run, ledger, stop);
            if (run.Plan is { BlockedGaps.Count: > 0 } plan)
            {
                // Every partition without a gap is committed; the ones with a gap were not read (issue 13).
                throw DataLossException.AfterLandingTheRest(plan.BlockedGaps);
            }

            return Completed(run, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            RunLog.Stopping(_logger);
            await CommitAllAsync(run, ledger, CancellationToken.None);
            return (RunStatus.Interrupted, ExitCodes.Interrupted, "interrupted by signal; complete chunks were committed");
        }
        catch (ClickBatchException ex)
        {
            return (StatusOf(ex), ex.ExitCode, ex.Message);
        }
        catch (Exception ex)
        {
            // A bug or an exception no layer translated: the run still ends with a ledger entry saying how.
            RunLog.UnexpectedFailure(_logger, ex, run.RunId);
            return (RunStatus.Failed, ExitCodes.Failure, "unexpected " + ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Everything was committed; only the Spectrum check can still make the outcome other than success.</summary>
    private static (RunStatus, int, string?) Completed(RunState run, CancellationToken stop) => run.SpectrumCheck switch
    {
        null or { Passed: true } => (RunStatus.Succeeded, ExitCodes.Success, null),
        _ when stop.IsCancellationRequested => (RunStatus.Interrupted, ExitCodes.Interrupted,
            "interrupted by signal during the Redshift Spectrum check; everything read was committed"),
        var check => (RunStatus.CatalogCheckFailed, ExitCodes.CatalogCheckFailed, SpectrumRunCheck.Outcome(check)),
    };

    private static RunStatus StatusOf(ClickBatchException ex) => ex switch
    {
        DataLossException => RunStatus.DataLoss,
        RejectThresholdExceededException => RunStatus.RejectThresholdExceeded,
        DeltaConflictException or ConcurrentWriterException => RunStatus.Conflict,
        _ => RunStatus.Failed,
    };

    private async Task DrainAsync(RunState run, RunLedgerUpdates ledger, CancellationToken stop)
    {
        await using (var source = _sourceFactory())
        {
            var topics = _settings.Topics.Select(t => t.Topic).ToList();
            // The tables are read side by side, and while the bounds are captured: a table's log read (its checkpoint, its
            // commits) is independent of the others' and of Kafka. A Kafka failure is still the one reported first.
            var inspections = _settings.Topics
                .SelectMany(topic => Tables(topic).Select(t => (t.Uri, Snapshot: Task.Run(() => TableTarget.InspectAsync(
                    _stores(t.Uri), t.Definition, p => _settings.AppId(topic.Topic, p), DeltaLogger, stop), stop))))
                .ToList();
            IReadOnlyList<PartitionBounds> bounds;
            try
            {
                bounds = await source.CaptureBoundsAsync(topics, stop);
            }
            finally
            {
                // Every read ends before the run goes on or fails: none is left running behind it.
                await Task.WhenAll(inspections.Select(i => i.Snapshot)).ContinueWith(
                    static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            // Under group assignment the coordinator decides what this task holds, partition by partition (AssignAsync).
            run.Bounds = _settings.Assignment.IsExplicit ? bounds.Where(b => _settings.Assignment.Includes(b.Partition)).ToList() : [];
            var decoder = new DecoderOptions(run.RunId, run.StartedAt);
            var inspected = new Dictionary<string, Snapshot?>(StringComparer.Ordinal);
            foreach (var (uri, snapshot) in inspections)
            {
                // In the tables' order: the first table refused is the one reported, as when they were read one by one.
                inspected[uri] = await snapshot;
            }

            // One row-buffer memory for all topics of the run, split between its writer threads (docs/decoding.md, "Memory bound").
            var rowBuffers = Enumerable.Range(0, _settings.WriterThreads)
                .Select(_ => new RowBufferBudget(Math.Max(1024, _settings.Files.MaxBufferedBytes / _settings.WriterThreads)))
                .ToList();
            foreach (var topic in _settings.Topics)
            {
                run.Topics[topic.Topic] = await OpenTopicAsync(topic, run, decoder, inspected, rowBuffers, stop);
            }

            if (_settings.Assignment.IsExplicit)
            {
                await DrainAssignedAsync(source, run, ledger, stop);
                await CheckSpectrumAsync(run, stop);
                await CommitGroupOffsetsAsync(source, run);
                return;
            }

            await DrainGroupAsync(source, run, ledger, topics, stop);
            await CommitGroupOffsetsAsync(source, run);
        }

        // Group assignment: after leaving the group, so the other tasks get this task's partitions without waiting for the check.
        await CheckSpectrumAsync(run, stop);
    }

    /// <summary>All partitions or a shard: planned once from the bounds captured at start.</summary>
    private async Task DrainAssignedAsync(IKafkaSource source, RunState run, RunLedgerUpdates ledger, CancellationToken stop)
    {
        var plan = await PlanAsync(source, run, run.Bounds, stop);
        run.Plan = plan;
        RunPlanLog.Write(_logger, plan, run.Bounds);
        // Every guard passed and the plan stands: from here on the run may write, so the ledger shows it as Running.
        await ledger.StartAsync(stop);
        if (RecordStarts(run, plan))
        {
            await CommitAllAsync(run, ledger, stop);
        }

        var progress = Progress ?? new LogRunProgress(_logger, _clock);
        progress.Planned(PlannedPerTopic(plan));
        await ReadAsync(source.ReadAsync(plan.Ranges, stop), run, ledger, progress);
        await CommitAllAsync(run, ledger, stop);
    }

    /// <summary>
    /// Group assignment (docs/scale-out.md): each partition is planned when the group assigns it, from the Delta log as
    /// it stands then and the end offset captured then; before the group takes one away, what was read is committed.
    /// </summary>
    private async Task DrainGroupAsync(IKafkaSource source, RunState run, RunLedgerUpdates ledger, IReadOnlyList<string> topics, CancellationToken stop)
    {
        run.Plan = new OffsetPlan([], []);
        await ledger.StartAsync(stop);
        var progress = Progress ?? new LogRunProgress(_logger, _clock);
        var handler = new SynchronousAssignmentHandler(
            async assigned => await AssignAsync(source, run, ledger, progress, assigned, stop),
            async revoked => await RevokeAsync(run, ledger, revoked));
        try
        {
            await ReadAsync(source.ReadGroupAsync(topics, handler, stop), run, ledger, progress);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Commit what is complete while this task still holds its partitions: once the source is disposed the task has
            // left the group, and another task may already continue them from the Delta log.
            await CommitAllAsync(run, ledger, CancellationToken.None);
            throw;
        }

        await CommitAllAsync(run, ledger, stop);
    }

    private async Task<IReadOnlyList<PartitionRange>> AssignAsync(
        IKafkaSource source, RunState run, RunLedgerUpdates ledger, IRunProgress progress, IReadOnlyList<PartitionBounds> assigned, CancellationToken stop)
    {
        foreach (var group in assigned.GroupBy(b => b.Topic, StringComparer.Ordinal))
        {
            var ingestion = run.Topics[group.Key];
            var partitions = group.Select(b => b.Partition).ToList();
            await ingestion.Data.AcquireAsync(partitions, stop);
            await ingestion.Rejects.AcquireAsync(partitions, stop);
        }

        var plan = await PlanAsync(source, run, assigned, stop);
        run.Merge(assigned, plan);
        RunPlanLog.Write(_logger, plan, assigned);
        if (RecordStarts(run, plan))
        {
            await CommitAllAsync(run, ledger, CancellationToken.None);
        }

        progress.Planned(PlannedPerTopic(run.Plan!));
        return plan.Ranges;
    }

    /// <summary>Commits what was read (of every partition: chunks are per topic), then lets the revoked partitions go.</summary>
    private async Task RevokeAsync(RunState run, RunLedgerUpdates ledger, IReadOnlyList<KafkaPartition> revoked)
    {
        await CommitAllAsync(run, ledger, CancellationToken.None);
        run.HandedOver.UnionWith(revoked);
        foreach (var group in revoked.GroupBy(k => k.Topic, StringComparer.Ordinal))
        {
            var ingestion = run.Topics[group.Key];
            ingestion.Data.Release(group.Select(k => k.Partition));
            ingestion.Rejects.Release(group.Select(k => k.Partition));
        }
    }

    /// <summary>Plans the partitions of <paramref name="bounds"/> from the offsets the Delta log holds for them.</summary>
    private async Task<OffsetPlan> PlanAsync(IKafkaSource source, RunState run, IReadOnlyList<PartitionBounds> bounds, CancellationToken stop)
    {
        var mine = _settings.Assignment.IsExplicit ? null : bounds.Select(b => b.Key).ToHashSet();
        var stored = StoredOffsets(run, bounds)
            .Where(s => mine?.Contains(s.Key) ?? _settings.Assignment.Includes(s.Key.Partition))
            .ToDictionary(s => s.Key, s => s.Value);
        return OffsetPlanner.Plan(bounds, stored, await GroupOffsetsAsync(source, bounds, stop), _settings.StartingOffsets, _settings.AllowDataLoss);
    }

    private static Dictionary<string, long> PlannedPerTopic(OffsetPlan plan) =>
        plan.Ranges.GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => g.Sum(r => r.OffsetCount));

    /// <summary>After the last commit and Glue sync, before the group offsets; reports, never throws (the data is committed).</summary>
    private async Task CheckSpectrumAsync(RunState run, CancellationToken stop)
    {
        if (_settings.RedshiftCheck is { } check)
        {
            var tables = run.Topics.Values.SelectMany(t => new[] { t.Data, t.Rejects }).ToList();
            run.SpectrumCheck = await new SpectrumRunCheck(Redshift!, check, _settings.GlueDatabase!, _logger).RunAsync(tables, stop);
        }
    }

    /// <summary>The topic's tables, holding the partitions this run drains from the start (all, or its shard; none under group assignment).</summary>
    private async Task<TopicIngestion> OpenTopicAsync(
        TopicSettings topic, RunState run, DecoderOptions decoder, IReadOnlyDictionary<string, Snapshot?> inspected, IReadOnlyList<RowBufferBudget> rowBuffers, CancellationToken ct)
    {
        var owned = run.Bounds.Where(b => b.Topic == topic.Topic).Select(b => b.Partition).ToList();
        var writer = new DeltaWriterOptions { Clock = _clock, RunId = run.RunId, Logger = DeltaLogger };
        string AppId(int p) => _settings.AppId(topic.Topic, p);
        var targets = new List<TableTarget>();
        foreach (var (uri, definition) in Tables(topic))
        {
            targets.Add(await TableTarget.OpenAsync(_stores(uri), definition, writer, AppId, owned, inspected[uri], ct));
        }

        return new TopicIngestion(topic, _settings.Landing, decoder, targets[0], targets[1], rowBuffers);
    }

    /// <summary>A topic's table and rejects table, in that order, with the definitions they are created with.</summary>
    private static (string Uri, TableDefinition Definition)[] Tables(TopicSettings topic) =>
    [
        (topic.TableUri, TableDefinitions.For(TableLayout.ForTopic(topic.Schema, topic.Partitioning), topic.Topic,
            "Kafka topic " + topic.Topic + ", landed by ClickBatch")),
        (topic.RejectsTableUri, TableDefinitions.For(TableLayout.Rejects, topic.Topic + "_rejects", "Undecodable records of Kafka topic " + topic.Topic)),
    ];

    /// <summary>
    /// Where a partition a table does not know yet starts is committed to both tables before anything is read
    /// (a txn-only commit, first run and new partitions only). Otherwise an empty range (started at "latest", at a
    /// group offset at its end) would never be recorded and the next run would choose again, skipping what arrived in
    /// between; and a crash after a first chunk's table commit but before its rejects commit would leave the rejects
    /// table without a start, so retention deleting that chunk before the next run would go unnoticed.
    /// </summary>
    private static bool RecordStarts(RunState run, OffsetPlan plan)
    {
        var any = false;
        foreach (var range in plan.Ranges.Where(r => !plan.IsBlocked(r.Key)))
        {
            var ingestion = run.Topics[range.Topic];
            if (!ingestion.Data.Offsets.ContainsKey(range.Partition) || !ingestion.Rejects.Offsets.ContainsKey(range.Partition))
            {
                ingestion.Advance(new PartitionPosition(range.Topic, range.Partition, range.From, IsComplete: range.IsEmpty));
                any = true;
            }
        }

        return any;
    }

    /// <summary>Where each partition continues (<see cref="ResumeOffset"/>).</summary>
    private static Dictionary<KafkaPartition, long> StoredOffsets(RunState run, IReadOnlyList<PartitionBounds> bounds)
    {
        var stored = new Dictionary<KafkaPartition, long>();
        foreach (var (topic, ingestion) in run.Topics)
        {
            foreach (var partition in ingestion.Data.Offsets.Keys.Union(ingestion.Rejects.Offsets.Keys))
            {
                var earliest = bounds.FirstOrDefault(b => b.Topic == topic && b.Partition == partition)?.Earliest ?? 0;
                stored[new KafkaPartition(topic, partition)] = ResumeOffset.Of(Known(ingestion.Data.Offsets, partition),
                    Known(ingestion.Rejects.Offsets, partition), earliest)!.Value;
            }
        }

        return stored;
    }

    private static long? Known(IReadOnlyDictionary<int, long> offsets, int partition) =>
        offsets.TryGetValue(partition, out var offset) ? offset : null;

    private async Task<IReadOnlyDictionary<KafkaPartition, long>> GroupOffsetsAsync(
        IKafkaSource source, IReadOnlyList<PartitionBounds> bounds, CancellationToken ct) =>
        _settings.StartingOffsets == StartingOffsets.Group
            ? await source.GetGroupOffsetsAsync(_settings.Source.GroupId, bounds.Select(b => b.Key).ToList(), ct)
            : new Dictionary<KafkaPartition, long>();

    private async Task ReadAsync(IAsyncEnumerable<KafkaRecordBatch> batches, RunState run, RunLedgerUpdates ledger, IRunProgress progress)
    {
        var topics = run.Topics;
        if (topics.Values.FirstOrDefault(t => t.LaneCount != _settings.WriterThreads) is { } other)
        {
            // Two threads would then write one lane.
            throw new InvalidOperationException($"Internal error: topic '{other.Topic.Topic}' has {other.LaneCount} writer lanes, the run "
                + $"{_settings.WriterThreads}. This is a ClickBatch bug.");
        }

        await using var lanes = new LaneFeeder(
            _settings.WriterThreads, (lane, record) => topics[record.Topic].Lane(lane).Add(record), _settings.WriterThreadsMinChunk);
        try
        {
            await foreach (var batch in batches)
            {
                var positions = batch.Positions;
                lanes.Feed(batch.Records, () => Advance(topics, positions));
                CountFed(topics, batch.Records);
                if (topics.Values.Any(t => t.ChunkIsFull))
                {
                    // A commit takes what the files hold: every lane idle, every chunk's positions taken.
                    await lanes.WaitAsync(0);
                    foreach (var ingestion in topics.Values.Where(t => t.ChunkIsFull))
                    {
                        await CommitAsync(ingestion, CancellationToken.None, final: false);
                        await ledger.CommittedAsync(last: false);
                    }
                }

                foreach (var ingestion in topics.Values)
                {
                    progress.Read(ingestion.Topic.Topic, ingestion.RecordsFed);
                }

                // Requesting the next chunk may reuse the memory of the chunk KeptForChunks + 1 before it.
                await lanes.WaitAsync(batch.KeptForChunks);
            }
        }
        finally
        {
            // However the read ends (done, a signal, a failure): every chunk fed is written and its positions taken before
            // anything else, so a commit after it holds exactly what the files hold. A lane's failure wins over the read's.
            await lanes.WaitAsync(0);
        }

        progress.Completed();
    }

    private static void Advance(IReadOnlyDictionary<string, TopicIngestion> topics, IReadOnlyList<PartitionPosition> positions)
    {
        foreach (var position in positions)
        {
            topics[position.Topic].Advance(position);
        }
    }

    /// <summary>Counts a chunk's records and payload bytes per topic (records of a topic mostly come in runs).</summary>
    private static void CountFed(IReadOnlyDictionary<string, TopicIngestion> topics, IReadOnlyList<KafkaRecord> records)
    {
        TopicIngestion? topic = null;
        string? name = null;
        (long count, long bytes) = (0, 0);
        foreach (var record in records)
        {
            if (!ReferenceEquals(record.Topic, name))
            {
                topic?.Fed(count, bytes);
                (name, topic, count, bytes) = (record.Topic, topics[record.Topic], 0, 0);
            }

            count++;
            bytes += record.PayloadBytes;
        }

        topic?.Fed(count, bytes);
    }

    /// <summary>
    /// Commits run with <see cref="CancellationToken.None"/> once started: a signal must not cut a commit in half. Used for
    /// the start commit, the last commit and the one on a signal, so the ledger entry is updated after it unthrottled.
    /// </summary>
    private async Task CommitAllAsync(RunState run, RunLedgerUpdates ledger, CancellationToken ct)
    {
        foreach (var ingestion in run.Topics.Values)
        {
            ct.ThrowIfCancellationRequested();
            await CommitAsync(ingestion, CancellationToken.None);
        }

        await ledger.CommittedAsync(last: true);
    }

    private async Task CommitAsync(TopicIngestion ingestion, CancellationToken ct, bool final = true)
    {
        var commit = await ingestion.CommitChunkAsync(ct, final);
        if (commit.DataVersion is not null || commit.RejectsVersion is not null)
        {
            RunLog.ChunkCommitted(_logger, ingestion.Topic.Topic, commit.Rows, commit.DataVersion, commit.Rejects, commit.RejectsVersion);
        }

        await SyncCatalogAsync(ingestion.Data, commit.DataVersion, ct);
        await SyncCatalogAsync(ingestion.Rejects, commit.RejectsVersion, ct);
    }

    /// <summary>
    /// After the commit and its manifests: a failure here loses nothing (the next run or register repairs). Other tasks of
    /// the job commit and register the same table meanwhile (docs/scale-out.md): an older snapshot registered after a
    /// newer one would drop the newer one's partitions, so when the table moved on while it was registered, the newest
    /// version is registered too (bounded): whoever registers last saw no newer version.
    /// </summary>
    private async Task SyncCatalogAsync(TableTarget table, long? committedVersion, CancellationToken ct)
    {
        if (_catalog is null || committedVersion is null)
        {
            return;
        }

        var snapshot = table.Snapshot;
        for (var round = 1; round <= MaxCatalogRounds; round++)
        {
            await _catalog.SyncAsync(table.Name, snapshot, ct);
            if (await table.NewerSnapshotAsync(snapshot, ct) is not { } newer)
            {
                return;
            }

            RunLog.CatalogCaughtUp(_logger, table.Name, snapshot.Version, newer.Version);
            snapshot = newer;
        }
    }

    private const int MaxCatalogRounds = 10;

    private async Task CommitGroupOffsetsAsync(IKafkaSource source, RunState run)
    {
        // Only what this run holds: another task of the job commits the partitions it holds, and this run's figure of
        // a partition it gave up would be older than that task's.
        var next = run.Topics.Values
            .SelectMany(t => t.CommittedOffsets.Where(o => t.Data.Owned.Contains(o.Key))
                .Select(o => (Key: new KafkaPartition(t.Topic.Topic, o.Key), Next: o.Value)))
            .ToDictionary(o => o.Key, o => o.Next);
        try
        {
            using var timeout = new CancellationTokenSource(_settings.Source.RequestTimeout);
            await source.CommitGroupOffsetsAsync(_settings.Source.GroupId, next, timeout.Token);
        }
        catch (Exception ex) when (ex is ClickBatchException or Confluent.Kafka.KafkaException or OperationCanceledException)
        {
            RunLog.GroupCommitFailed(_logger, ex, _settings.Source.GroupId);
        }
    }
}
