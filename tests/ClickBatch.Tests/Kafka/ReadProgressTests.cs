using ClickBatch.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class ReadProgressTests
{
    private static readonly KafkaPartition P0 = new("clicks", 0);
    private static readonly KafkaPartition P1 = new("clicks", 1);

    [Fact]
    public void Pending_EmptyRanges_AreNeitherPendingNorBlockingDone()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 5, 5), new PartitionRange("clicks", 1, 0, 2)]);

        progress.Pending.ShouldBe([P1]);
        progress.IsDone.ShouldBeFalse();
        progress.IsComplete(P0).ShouldBeTrue();
    }

    [Fact]
    public void IsDone_OnlyEmptyRanges_IsTrueAtOnce()
    {
        new ReadProgress([new PartitionRange("clicks", 0, 5, 5)]).IsDone.ShouldBeTrue();
    }

    [Fact]
    public void Wants_BeforeEachAccept_SaysWhatAcceptWillDoAndMovesNothing()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 3, 6)]);
        var key = new KafkaPartition("clicks", 0);
        var wanted = new List<bool>();

        foreach (var offset in new long[] { 2, 3, 3, 4, 7, 5 })
        {
            var wants = progress.Wants(key, offset);
            progress.Wants(key, offset).ShouldBe(wants, "asking twice changes nothing");
            progress.Accept(key, offset).ShouldBe(wants, "offset " + offset);
            wanted.Add(wants);
        }

        // Below the position, inside, a repeat, inside, past the end (completes the partition), then after completion.
        wanted.ShouldBe([false, true, false, true, false, false]);
        progress.Wants(new KafkaPartition("clicks", 1), 0).ShouldBeFalse();
    }

    [Fact]
    public void Accept_OffsetsInsideRange_EmitsThemAndCompletesAtTo()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 3, 5)]);

        progress.Accept(P0, 3).ShouldBeTrue();
        progress.Accept(P0, 4).ShouldBeTrue();

        progress.IsDone.ShouldBeTrue();
        progress.TakeChanged().ShouldBe([new PartitionPosition("clicks", 0, 5, true)]);
    }

    [Fact]
    public void Accept_OffsetBelowPosition_IsNotEmittedAgain()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 3, 10)]);

        progress.Accept(P0, 2).ShouldBeFalse();
        progress.Accept(P0, 3).ShouldBeTrue();
        progress.Accept(P0, 3).ShouldBeFalse();

        progress.PositionOf(P0).ShouldBe(4);
    }

    [Fact]
    public void Accept_OffsetAtOrPastToAfterAGap_IsNotEmittedAndCompletesAtTo()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 0, 10)]);
        progress.Accept(P0, 7).ShouldBeTrue();

        progress.Accept(P0, 10).ShouldBeFalse();

        progress.IsComplete(P0).ShouldBeTrue();
        progress.PositionOf(P0).ShouldBe(10);
    }

    [Fact]
    public void Accept_OffsetPastToAfterAGap_PositionIsCappedAtTo()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 0, 10)]);

        progress.Accept(P0, 12).ShouldBeFalse();

        progress.TakeChanged().ShouldBe([new PartitionPosition("clicks", 0, 10, true)]);
    }

    [Fact]
    public void Accept_PartitionNotInTheRead_IsIgnored()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 0, 10)]);

        progress.Accept(new KafkaPartition("other", 0), 1).ShouldBeFalse();
        progress.TakeChanged().ShouldBeEmpty();
    }

    [Fact]
    public void AdvanceTo_EndOfPartitionPastMarkers_CompletesWithoutRecords()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 0, 10)]);
        progress.Accept(P0, 8).ShouldBeTrue();

        progress.AdvanceTo(P0, 10).ShouldBeTrue();

        progress.IsDone.ShouldBeTrue();
        progress.PositionOf(P0).ShouldBe(10);
    }

    [Fact]
    public void AdvanceTo_BeforeTo_MovesButDoesNotComplete()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 0, 10)]);

        progress.AdvanceTo(P0, 6).ShouldBeFalse();

        progress.Incomplete.ShouldBe([new PartitionPosition("clicks", 0, 6, false)]);
    }

    [Fact]
    public void AdvanceTo_Backwards_DoesNotMove()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 0, 4, 10)]);
        var moves = progress.Moves;

        progress.AdvanceTo(P0, 2).ShouldBeFalse();

        progress.PositionOf(P0).ShouldBe(4);
        progress.Moves.ShouldBe(moves);
    }

    [Fact]
    public void TakeChanged_ReturnsEachMovedPartitionOnceInOrderThenNothing()
    {
        var progress = new ReadProgress([new PartitionRange("clicks", 1, 0, 10), new PartitionRange("clicks", 0, 0, 10)]);
        progress.Accept(P1, 0);
        progress.Accept(P0, 0);
        progress.Accept(P1, 1);

        progress.TakeChanged().ShouldBe([new PartitionPosition("clicks", 0, 1, false), new PartitionPosition("clicks", 1, 2, false)]);
        progress.TakeChanged().ShouldBeEmpty();
    }

    [Fact]
    public void IsDone_SeveralPartitions_TrueOnlyAfterTheLastCompletesWhicheverWay()
    {
        var progress = new ReadProgress([
            new PartitionRange("clicks", 0, 0, 2), new PartitionRange("clicks", 1, 0, 5), new PartitionRange("views", 0, 7, 8)]);

        progress.Accept(P0, 0);
        progress.Accept(P0, 1);
        progress.Accept(P0, 1);
        progress.IsDone.ShouldBeFalse();
        progress.AdvanceTo(P1, 9).ShouldBeTrue();
        progress.AdvanceTo(P1, 10).ShouldBeFalse();
        progress.IsDone.ShouldBeFalse();
        progress.Accept(new KafkaPartition("views", 0), 9).ShouldBeFalse();

        progress.IsDone.ShouldBeTrue();
        progress.Topics.ShouldBe(["clicks", "views"], ignoreOrder: true);
    }
}
