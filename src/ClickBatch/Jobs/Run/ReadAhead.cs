using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// Reads the next Kafka chunk while the run decodes and writes the current one (a profile of a 394k-record run showed
/// the two strictly alternating). At most <c>capacity</c> chunks wait, so memory stays bounded by the chunk size.
/// Order is kept; a failure or cancellation of the source surfaces to the reader as itself.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> BufferAsync<T>(
        IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => FillAsync(source, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>Never throws: the outcome travels through the channel's completion.</summary>
    private static async Task FillAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(item, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }
}
