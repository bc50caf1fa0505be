using System.Globalization;
using ClickBatch.Decoding;
using ClickBatch.Delta;
using ClickBatch.Errors;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ParquetSharp;

namespace ClickBatch.Parquet;

/// <summary>
/// Routes rows to one open Parquet file per partition value under a local staging directory
/// (<c>dt=2024-01-05/part-&lt;uuid&gt;.zstd.parquet</c>), flushes row groups by rows or bytes, rolls files at the
/// target size, and closes the least recently written file when too many are open. Row memory is bounded by a
/// <see cref="RowBufferBudget"/>: the run's, shared with its other writers, or one of this writer's own sized by
/// <see cref="FileWriterOptions.MaxBufferedBytes"/>. <see cref="CompleteAsync"/> finishes every file and returns them all;
/// disposing without completing deletes the unfinished files (they were never referenced by a commit).
/// </summary>
public sealed class PartitionedFileWriter : IAsyncDisposable
{
    private const long NoPartitionKey = long.MinValue;

    private readonly string _stagingDirectory;
    private readonly FileWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<long, OpenPartitionFile> _open = [];
    private readonly List<ClosedDataFile> _closed = [];
    private readonly Stack<RowBatch> _freeBuffers = new();
    private readonly RowBatch _spare;
    private readonly RowBufferBudget _budget;
    private OpenPartitionFile? _last;
    private long _bufferedBytes;
    private long _sequence;
    private bool _completed;

    public PartitionedFileWriter(
        TableLayout layout, string stagingDirectory, FileWriterOptions? options = null, ILogger? logger = null, RowBufferBudget? budget = null)
    {
        Layout = layout;
        _logger = logger ?? NullLogger.Instance;
        _stagingDirectory = stagingDirectory;
        _options = options ?? new FileWriterOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        _spare = new RowBatch(layout.Fields);
        _budget = budget ?? new RowBufferBudget(_options.MaxBufferedBytes);
        _budget.Join(this);
    }

    public TableLayout Layout { get; }

    /// <summary>Files finished so far (rolled or evicted), in the order they were closed.</summary>
    public IReadOnlyList<ClosedDataFile> ClosedFiles => _closed;

    public long RowsAppended { get; private set; }

    /// <summary>Row-buffer bytes held right now across open files.</summary>
    public long BufferedBytes => _bufferedBytes;

    /// <summary>
    /// Capacity of all row buffers (open files and the reuse pool): what the buffers keep allocated. Not counted: the
    /// one-row spare (<see cref="NextRowTarget"/>), which like a decoder's scratch row keeps the largest row's size.
    /// </summary>
    public long RetainedBytes => _open.Values.Sum(f => f.Buffer.CapacityBytes) + _freeBuffers.Sum(b => b.CapacityBytes);

    /// <summary>Row bytes held by this writer's largest buffer.</summary>
    internal long LargestBufferBytes { get; private set; }

    /// <summary>
    /// Appends the single row of <paramref name="row"/> (a scratch batch of <see cref="Layout"/>) to the file of
    /// <paramref name="partitionDay"/> (<c>dt</c> as days since 1970-01-01; null = the null partition), noting the
    /// Kafka position it came from.
    /// </summary>
    public void Append(RowBatch row, int? partitionDay, string topic, int kafkaPartition, long offset)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var file = FileFor(partitionDay);
        file.Buffer.AppendRowOf(row);
        Added(file, topic, kafkaPartition, offset);
    }

    /// <summary>
    /// Where the next row is to be decoded: the row buffer of the file written last (consecutive records mostly share a
    /// partition, and then the row is not copied again), or a spare batch when no file has been written yet. Add one row
    /// at its end, then call <see cref="AppendLastRow"/> (or take the row off again).
    /// </summary>
    public RowBatch NextRowTarget => _last?.Buffer ?? _spare;

    /// <summary>
    /// Takes the row just added at the end of <see cref="NextRowTarget"/> into the file of <paramref name="partitionDay"/>
    /// (moved there when that is another file), noting the Kafka position it came from.
    /// </summary>
    public void AppendLastRow(int? partitionDay, string topic, int kafkaPartition, long offset)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_last is not { } file || file.Key != KeyOf(partitionDay))
        {
            if (_last is { } other)
            {
                // Off the other file's buffer first: opening this partition's file may close that one.
                _spare.AppendRowOf(other.Buffer);
                other.Buffer.TruncateRows(other.Buffer.RowCount - 1);
            }

            file = FileFor(partitionDay);
            file.Buffer.AppendRowOf(_spare);
            _spare.Clear();
        }

        Added(file, topic, kafkaPartition, offset);
    }

    private void Added(OpenPartitionFile file, string topic, int kafkaPartition, long offset)
    {
        file.Offsets.Add(topic, kafkaPartition, offset);
        file.LastWrite = ++_sequence;
        // A buffer's size is the sum of its rows' sizes, and BufferedBytes is what the buffer held before this row.
        var size = file.Buffer.ByteSize - file.BufferedBytes;
        file.BufferedBytes += size;
        _bufferedBytes += size;
        _budget.Hold(size);
        LargestBufferBytes = Math.Max(LargestBufferBytes, file.BufferedBytes);
        RowsAppended++;
        if (file.Buffer.RowCount >= _options.RowGroupRows || file.BufferedBytes >= _options.RowGroupBytes)
        {
            FlushRowGroup(file, "row group full");
        }
        else if (_budget.IsOver)
        {
            _budget.FlushLargest();
        }
    }

    /// <summary>The budget's call: flushes this writer's largest buffer as a row group.</summary>
    internal void FlushLargestBuffer()
    {
        if (_open.Count > 0)
        {
            FlushRowGroup(_open.Values.MaxBy(f => f.BufferedBytes)!, "memory cap");
        }
    }

    /// <summary>Finishes every open file; returns all files this writer produced. The writer accepts no more rows.</summary>
    public Task<IReadOnlyList<ClosedDataFile>> CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var file in _open.Values.OrderBy(f => f.LastWrite).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            CloseFile(file, "complete");
        }

        _completed = true;
        return Task.FromResult<IReadOnlyList<ClosedDataFile>>(_closed.ToList());
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            foreach (var file in _open.Values)
            {
                file.Writer.Dispose();
                TryDelete(file.Writer.Path);
            }
        }
        finally
        {
            // Even when a native writer throws: the budget must never flush a disposed writer, nor count its rows.
            _open.Clear();
            _last = null;
            _completed = true;
            _budget.Release(_bufferedBytes);
            _bufferedBytes = 0;
            LargestBufferBytes = 0;
            _budget.Leave(this);
        }

        return ValueTask.CompletedTask;
    }

    private long KeyOf(int? partitionDay) => Layout.PartitionColumn is null ? NoPartitionKey : partitionDay ?? NoPartitionKey + 1;

    private OpenPartitionFile FileFor(int? partitionDay)
    {
        var key = KeyOf(partitionDay);
        if (_last is { } last && last.Key == key)
        {
            return last;
        }

        if (!_open.TryGetValue(key, out var file))
        {
            if (_open.Count >= _options.MaxOpenFiles)
            {
                CloseFile(_open.Values.MinBy(f => f.LastWrite)!, "too many open files");
            }

            file = OpenFile(key, partitionDay);
            _open.Add(key, file);
        }

        _last = file;
        return file;
    }

    private OpenPartitionFile OpenFile(long key, int? partitionDay)
    {
        var partitionValue = partitionDay is { } day
            ? TimeConversions.DateOfDay(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var fileName = "part-" + Guid.NewGuid().ToString("D") + ".zstd.parquet";
        var relativePath = Layout.PartitionColumn is { } column
            ? PartitionPath.Folder(column, partitionValue) + "/" + fileName
            : fileName;
        var path = Path.Combine(_stagingDirectory, relativePath);
        var writer = Wrap(path, () => DataFileWriter.Create(path, Layout.Fields, _options.ZstdLevel));
        var buffer = _freeBuffers.Count > 0 ? _freeBuffers.Pop() : new RowBatch(Layout.Fields);
        return new OpenPartitionFile(key, partitionValue, relativePath, writer, buffer);
    }

    private void FlushRowGroup(OpenPartitionFile file, string reason)
    {
        ParquetLog.RowGroupFlushed(_logger, file.Buffer.RowCount, file.RelativePath, reason);
        Wrap(file.Writer.Path, () => file.Writer.WriteRowGroup(file.Buffer));
        Unhold(file);
        file.Buffer.Clear();
        if (_budget.RetainedBytes > _budget.MaxRetainedBytes)
        {
            // Buffers keep their grown arrays for the next row group; past the cap, this one starts small again.
            file.Buffer.ReleaseMemory();
        }

        if (file.Writer.SizeBytes >= _options.TargetFileBytes)
        {
            CloseFile(file, "target size");
        }
    }

    private void CloseFile(OpenPartitionFile file, string reason)
    {
        _open.Remove(file.Key);
        _last = ReferenceEquals(_last, file) ? null : _last;
        Unhold(file);
        string stats;
        try
        {
            Wrap(file.Writer.Path, () => file.Writer.WriteRowGroup(file.Buffer));
            stats = Wrap(file.Writer.Path, file.Writer.Close);
        }
        catch (ClickBatchException)
        {
            file.Writer.Dispose();
            TryDelete(file.Writer.Path);
            throw;
        }

        file.Writer.Dispose();
        file.Buffer.Clear();
        if (_budget.RetainedBytes + file.Buffer.CapacityBytes <= _budget.MaxRetainedBytes)
        {
            _freeBuffers.Push(file.Buffer);
        }

        var closed = ToClosedFile(file, stats);
        _closed.Add(closed);
        ParquetLog.FileClosed(_logger, closed.RelativePath, closed.NumRecords, closed.SizeBytes, reason);
    }

    private void Unhold(OpenPartitionFile file)
    {
        _bufferedBytes -= file.BufferedBytes;
        _budget.Release(file.BufferedBytes);
        file.BufferedBytes = 0;
        LargestBufferBytes = _open.Count == 0 ? 0 : _open.Values.Max(f => f.BufferedBytes);
    }

    private ClosedDataFile ToClosedFile(OpenPartitionFile file, string stats)
    {
        var partitionValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Layout.PartitionColumn is { } column)
        {
            partitionValues[column] = file.PartitionValue;
        }

        return new ClosedDataFile(file.Writer.Path, file.RelativePath, UriPath.Escape(file.RelativePath),
            partitionValues, file.Writer.SizeBytes, file.Writer.NumRecords, stats, file.Offsets.ToList());
    }

    private static T Wrap<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new ClickBatchException($"Writing Parquet file '{path}' failed: {ex.Message}. Check free space and "
                + "permissions of the staging directory; nothing of this file was committed.", ex).With("File", path);
        }
    }

    private static void Wrap(string path, Action action) => Wrap(path, () =>
    {
        action();
        return true;
    });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: an unreferenced staging file is harmless and removed with the staging directory.
        }
    }
}
