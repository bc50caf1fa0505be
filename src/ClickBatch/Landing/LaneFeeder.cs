using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ClickBatch.Kafka;

namespace ClickBatch.Landing;

/// <summary>
/// Hands chunks of records to the topics' writer lanes (<see cref="TopicLane"/>), each lane on a thread of its own working
/// through its queue of chunks in order: in a chunk of at least <see cref="MinRecordsToSplit"/> records, lane k gets the
/// partitions p with p % lanes == k; a smaller chunk goes to lane 0 alone, so a run that reads a few records writes one
/// file per event day, not one per lane. <see cref="Feed"/> returns at once, so a lane busy encoding a row group holds back
/// neither the other lanes nor the read; <see cref="WaitAsync"/> bounds how many chunks are still being written (the read
/// reuses a chunk's memory a few chunks later, and commits need every lane idle). Each lane gets its records in the chunks'
/// order, so every partition's offsets stay in order. A chunk's <c>written</c> action runs inside the caller's
/// <see cref="WaitAsync"/> (never on a lane thread), in chunk order, once every lane wrote the chunk. After a lane failed, the lanes start no further chunk (a chunk they skip counts
/// as failed with that failure), and the wait reaching the first failed chunk throws its failure (the lowest lane's first),
/// as does every wait after it.
/// </summary>
internal sealed class LaneFeeder : IAsyncDisposable
{
    /// <summary>Default of <see cref="MinRecordsToSplit"/>: 4,000 records, a fraction of a second of one lane's work.</summary>
    public const int DefaultMinRecordsToSplit = 4_000;

    private readonly Action<int, KafkaRecord> _add;
    private readonly BlockingCollection<FedChunk>[] _queues;
    private readonly Task[] _workers;
    private readonly Queue<FedChunk> _inFlight = new();
    private readonly Stack<FedChunk> _free = new();
    private ExceptionDispatchInfo? _laneFailure;
    private ExceptionDispatchInfo? _thrown;
    private bool _disposed;

    /// <summary>Starts <paramref name="lanes"/> lane threads; <paramref name="add"/>(lane, record) writes one record in a lane.</summary>
    public LaneFeeder(int lanes, Action<int, KafkaRecord> add, int minRecordsToSplit = DefaultMinRecordsToSplit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRecordsToSplit, 1);
        _add = add;
        MinRecordsToSplit = minRecordsToSplit;
        _queues = Enumerable.Range(0, lanes).Select(_ => new BlockingCollection<FedChunk>()).ToArray();
        _workers = Enumerable.Range(0, lanes)
            .Select(lane => Task.Factory.StartNew(() => Work(lane), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
    }

    /// <summary>Fewest records of a chunk that is split between the lanes; a smaller chunk is lane 0's alone.</summary>
    public int MinRecordsToSplit { get; }

    /// <summary>Chunks fed whose <c>written</c> action has not run yet.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>A lane failed; the lanes start no further chunk.</summary>
    public bool HasFailed => Volatile.Read(ref _laneFailure) is not null;

    /// <summary>
    /// Queues a chunk: every lane gets its records, in order, after the chunks fed before. <paramref name="written"/> runs
    /// in a later <see cref="WaitAsync"/> once every lane wrote them. The records must stay valid until then.
    /// </summary>
    public void Feed(IReadOnlyList<KafkaRecord> records, Action? written = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var chunk = _free.Count > 0 ? _free.Pop() : new FedChunk(_queues.Length);
        chunk.Written = written;
        var lanes = _queues.Length;
        if (lanes == 1 || records.Count < MinRecordsToSplit)
        {
            chunk.ByLane[0].AddRange(records);
        }
        else
        {
            foreach (var record in records)
            {
                chunk.ByLane[LaneOf(record.Partition, lanes)].Add(record);
            }
        }

        var busy = chunk.ByLane.Count(l => l.Count > 0);
        chunk.Start(busy);
        _inFlight.Enqueue(chunk);
        for (var lane = 0; lane < lanes; lane++)
        {
            if (chunk.ByLane[lane].Count > 0)
            {
                _queues[lane].Add(chunk);
            }
        }
    }

    /// <summary>
    /// Waits until at most <paramref name="inFlight"/> chunks are still being written (0: every lane idle), running the
    /// <c>written</c> action of every chunk done, in order. Throws a lane's failure, now and at every wait after it.
    /// </summary>
    public async Task WaitAsync(int inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFlight);
        _thrown?.Throw();
        while (_inFlight.Count > inFlight)
        {
            var chunk = _inFlight.Peek();
            await chunk.Done.ConfigureAwait(false);
            _inFlight.Dequeue();
            if (chunk.FirstFailure() is { } failure)
            {
                // Neither this chunk nor any after it counts as written.
                _thrown = failure;
                failure.Throw();
            }

            try
            {
                chunk.Written?.Invoke();
            }
            catch (Exception ex)
            {
                // Its positions may be taken in part: no chunk after it may count as written either.
                _thrown = ExceptionDispatchInfo.Capture(ex);
                throw;
            }

            chunk.Reset();
            _free.Push(chunk);
        }
    }

    /// <summary>Lets the lane threads finish the chunks queued (or skip them after a failure) and end; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var queue in _queues)
        {
            queue.CompleteAdding();
        }

        await Task.WhenAll(_workers).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .ConfigureAwait(false);
        foreach (var queue in _queues)
        {
            queue.Dispose();
        }
    }

    private void Work(int lane)
    {
        foreach (var chunk in _queues[lane].GetConsumingEnumerable())
        {
            if (Volatile.Read(ref _laneFailure) is { } earlier)
            {
                // Skipped after a lane failed: the chunk is not written, and says why.
                chunk.Failures[lane] = earlier;
            }
            else
            {
                try
                {
                    foreach (var record in chunk.ByLane[lane])
                    {
                        _add(lane, record);
                    }
                }
                catch (Exception ex)
                {
                    var failure = ExceptionDispatchInfo.Capture(ex);
                    chunk.Failures[lane] = failure;
                    Interlocked.CompareExchange(ref _laneFailure, failure, null);
                }
            }

            chunk.LaneDone();
        }
    }

    /// <summary>The lane of a Kafka partition among <paramref name="lanes"/>.</summary>
    private static int LaneOf(int partition, int lanes) => partition % lanes;

    /// <summary>A chunk on its way through the lanes: its records per lane, and who is done with it.</summary>
    private sealed class FedChunk(int lanes)
    {
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining;

        public List<KafkaRecord>[] ByLane { get; } = Enumerable.Range(0, lanes).Select(_ => new List<KafkaRecord>()).ToArray();

        public ExceptionDispatchInfo?[] Failures { get; } = new ExceptionDispatchInfo?[lanes];

        public Action? Written { get; set; }

        public Task Done => _done.Task;

        public void Start(int lanes)
        {
            _remaining = lanes;
            if (lanes == 0)
            {
                _done.SetResult();
            }
        }

        public void LaneDone()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.SetResult();
            }
        }

        public ExceptionDispatchInfo? FirstFailure() => Failures.FirstOrDefault(f => f is not null);

        public void Reset()
        {
            foreach (var lane in ByLane)
            {
                lane.Clear();
            }

            Array.Clear(Failures);
            Written = null;
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
