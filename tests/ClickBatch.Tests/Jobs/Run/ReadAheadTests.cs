using System.Runtime.CompilerServices;
using ClickBatch.Jobs.Run;

namespace ClickBatch.Tests.Jobs.Run;

public class ReadAheadTests
{
    [Fact]
    public async Task BufferAsync_Items_KeepsOrder()
    {
        var items = new List<int>();
        await foreach (var item in ReadAhead.BufferAsync(Numbers(50, failAt: null), 1, CancellationToken.None))
        {
            items.Add(item);
        }

        items.ShouldBe(Enumerable.Range(0, 50));
    }

    [Fact]
    public async Task BufferAsync_SourceFails_ReaderSeesTheSameExceptionAfterEarlierItems()
    {
        var items = new List<int>();
        var error = await Should.ThrowAsync<TimeoutException>(async () =>
        {
            await foreach (var item in ReadAhead.BufferAsync(Numbers(10, failAt: 3), 1, CancellationToken.None))
            {
                items.Add(item);
            }
        });

        error.Message.ShouldBe("source failed at 3");
        items.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task BufferAsync_Cancelled_StopsTheSourceWithOperationCanceled()
    {
        using var cancel = new CancellationTokenSource();
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in ReadAhead.BufferAsync(Numbers(int.MaxValue, failAt: null), 1, cancel.Token))
            {
                if (item == 5)
                {
                    await cancel.CancelAsync();
                }
            }
        });
    }

    private static async IAsyncEnumerable<int> Numbers(int count, int? failAt, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            if (i == failAt)
            {
                throw new TimeoutException("source failed at " + i);
            }

            yield return i;
        }
    }
}
