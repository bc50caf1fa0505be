using ClickBatch.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class PayloadSlabTests
{
    [Fact]
    public void Copy_ManyPayloads_EachReadsBackAsWrittenUntilReset()
    {
        var slab = new PayloadSlab();
        var payloads = Enumerable.Range(0, 5_000).Select(i => Enumerable.Repeat((byte)i, 1 + i % 700).ToArray()).ToList();

        var copies = payloads.Select(p => slab.Copy(p)).ToList();

        copies.Select(c => c.ToArray()).ShouldBe(payloads);
        slab.RetainedBytes.ShouldBeGreaterThanOrEqualTo(payloads.Sum(p => (long)p.Length));
    }

    [Fact]
    public void Reset_ReusesTheSegments_SoMemoryDoesNotGrowChunkAfterChunk()
    {
        var slab = new PayloadSlab();
        var chunk = Enumerable.Range(0, 3_000).Select(i => new byte[400]).ToList();
        foreach (var payload in chunk)
        {
            slab.Copy(payload);
        }

        var afterFirst = slab.RetainedBytes;
        for (var round = 0; round < 10; round++)
        {
            slab.Reset();
            foreach (var payload in chunk)
            {
                slab.Copy(payload);
            }
        }

        slab.RetainedBytes.ShouldBe(afterFirst);
    }

    [Fact]
    public void Copy_PayloadLargerThanASegment_GetsItsOwnArrayAndLeavesTheSegmentsAlone()
    {
        var slab = new PayloadSlab();
        var small = slab.Copy("abc"u8);
        var large = Enumerable.Range(0, PayloadSlab.SegmentBytes + 1).Select(i => (byte)i).ToArray();

        var copy = slab.Copy(large);

        copy.ToArray().ShouldBe(large);
        small.ToArray().ShouldBe("abc"u8.ToArray());
        slab.RetainedBytes.ShouldBe(PayloadSlab.SegmentBytes);
    }

    [Fact]
    public void Copy_Empty_IsEmptyNotNull()
    {
        ReadOnlyMemory<byte>? copy = new PayloadSlab().Copy(ReadOnlySpan<byte>.Empty);

        copy.HasValue.ShouldBeTrue();
        copy!.Value.Length.ShouldBe(0);
    }
}
