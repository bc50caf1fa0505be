using ClickBatch.Errors;
using ClickBatch.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class OffsetPlannerTests
{
    private static readonly Dictionary<KafkaPartition, long> None = [];

    [Fact]
    public void Plan_StoredOffsetWithinBounds_ReadsFromStoredToEnd()
    {
        var plan = Plan([Bounds("clicks", 0, 10, 100)], Stored(("clicks", 0, 42)));

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 42, 100)]);
        plan.Gaps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StoredOffsetAtEnd_IsEmptyRange()
    {
        var plan = Plan([Bounds("clicks", 0, 10, 100)], Stored(("clicks", 0, 100)));

        plan.Ranges.Single().IsEmpty.ShouldBeTrue();
        plan.NonEmptyRanges.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StoredOffsetAtEarliest_IsNotDataLoss()
    {
        var plan = Plan([Bounds("clicks", 0, 10, 100)], Stored(("clicks", 0, 10)));

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 10, 100)]);
        plan.Gaps.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_EmptyPartition_IsEmptyRangeFromZero()
    {
        var plan = Plan([Bounds("clicks", 0, 0, 0)], None);

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 0, 0)]);
        plan.NonEmptyRanges.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(StartingOffsets.Earliest, 10)]
    [InlineData(StartingOffsets.Latest, 100)]
    [InlineData(StartingOffsets.Group, 10)]
    public void Plan_NoStoredOffsetNoGroupOffset_StartsPerMode(StartingOffsets mode, long expectedFrom)
    {
        var plan = OffsetPlanner.Plan([Bounds("clicks", 0, 10, 100)], None, None, mode, allowDataLoss: false);

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, expectedFrom, 100)]);
    }

    [Fact]
    public void Plan_GroupModeWithCommittedOffset_StartsAtCommittedOffset()
    {
        var plan = OffsetPlanner.Plan(
            [Bounds("clicks", 0, 10, 100)], None, Stored(("clicks", 0, 55)), StartingOffsets.Group, allowDataLoss: false);

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 55, 100)]);
    }

    [Theory]
    [InlineData(StartingOffsets.Earliest)]
    [InlineData(StartingOffsets.Latest)]
    [InlineData(StartingOffsets.Group)]
    public void Plan_StoredOffsetPresent_WinsOverEveryMode(StartingOffsets mode)
    {
        var plan = OffsetPlanner.Plan(
            [Bounds("clicks", 0, 10, 100)], Stored(("clicks", 0, 30)), Stored(("clicks", 0, 70)), mode, allowDataLoss: false);

        plan.Ranges.Single().From.ShouldBe(30);
    }

    [Fact]
    public void Plan_GroupOffsetIgnoredOutsideGroupMode()
    {
        var plan = OffsetPlanner.Plan(
            [Bounds("clicks", 0, 10, 100)], None, Stored(("clicks", 0, 70)), StartingOffsets.Earliest, allowDataLoss: false);

        plan.Ranges.Single().From.ShouldBe(10);
    }

    [Fact]
    public void Plan_NewPartitionBesideStoredOnes_StartsAtEarliest()
    {
        var plan = Plan(
            [Bounds("clicks", 0, 0, 50), Bounds("clicks", 1, 5, 60)], Stored(("clicks", 0, 20)));

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 20, 50), new PartitionRange("clicks", 1, 5, 60)]);
    }

    [Fact]
    public void Plan_StoredOffsetBelowEarliest_BlocksThatPartitionAndPlansTheOthers()
    {
        var plan = Plan([Bounds("clicks", 0, 0, 10), Bounds("clicks", 3, 200, 300)], Stored(("clicks", 3, 120)));

        plan.BlockedGaps.ShouldBe([new DataLossGap("clicks", 3, 120, 200)]);
        plan.Gaps.ShouldBeEmpty();
        plan.IsBlocked(new KafkaPartition("clicks", 3)).ShouldBeTrue();
        plan.IsBlocked(new KafkaPartition("clicks", 0)).ShouldBeFalse();
        // The blocked partition reads nothing and stays at its stored offset; the other one is read as usual.
        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 0, 10), new PartitionRange("clicks", 3, 120, 120)]);
        plan.NonEmptyRanges.ShouldBe([new PartitionRange("clicks", 0, 0, 10)]);
    }

    [Fact]
    public void DataLossException_AfterLandingTheRest_NamesPartitionRangeAndTheWayOut()
    {
        var error = DataLossException.AfterLandingTheRest([new DataLossGap("clicks", 3, 120, 200)]);

        error.ExitCode.ShouldBe(ExitCodes.DataLoss);
        error.Message.ShouldContain("topic 'clicks' partition 3: offsets 120-199 (80 offsets)");
        error.Message.ShouldContain("every other partition was read and committed");
        error.Message.ShouldContain("--allow-data-loss");
        error.Facts["Partition"].ShouldBe(3);
        error.Facts["MissingFrom"].ShouldBe(120L);
        error.Facts["MissingTo"].ShouldBe(200L);
    }

    [Fact]
    public void Plan_ExactlyOneOffsetDeletedUnread_IsDataLoss()
    {
        var plan = Plan([Bounds("clicks", 0, 50, 60)], Stored(("clicks", 0, 49)));

        plan.BlockedGaps.ShouldBe([new DataLossGap("clicks", 0, 49, 50)]);
        plan.NonEmptyRanges.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_ExactlyOneOffsetDeletedUnreadAndAllowed_ContinuesFromEarliestAndReportsTheGap()
    {
        var plan = OffsetPlanner.Plan([Bounds("clicks", 0, 50, 60)], Stored(("clicks", 0, 49)), None, StartingOffsets.Earliest, allowDataLoss: true);

        plan.Gaps.ShouldBe([new DataLossGap("clicks", 0, 49, 50)]);
        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 50, 60)]);
    }

    [Fact]
    public void Plan_DataLossInSeveralPartitions_ReportsEveryGap()
    {
        var plan = Plan([Bounds("clicks", 0, 50, 60), Bounds("checkouts", 1, 7, 9)], Stored(("clicks", 0, 40), ("checkouts", 1, 0)));

        plan.BlockedGaps.ShouldBe([new DataLossGap("clicks", 0, 40, 50), new DataLossGap("checkouts", 1, 0, 7)]);
        DataLossException.AfterLandingTheRest(plan.BlockedGaps).Message.ShouldContain("topic 'checkouts' partition 1: offsets 0-6 (7 offsets)");
    }

    [Fact]
    public void Plan_DataLossAllowed_StartsAtEarliestAndReportsGap()
    {
        var plan = OffsetPlanner.Plan(
            [Bounds("clicks", 3, 200, 300)], Stored(("clicks", 3, 120)), None, StartingOffsets.Earliest, allowDataLoss: true);

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 3, 200, 300)]);
        plan.Gaps.ShouldBe([new DataLossGap("clicks", 3, 120, 200)]);
    }

    [Fact]
    public void Plan_GroupOffsetBelowEarliest_IsDataLoss()
    {
        var plan = OffsetPlanner.Plan(
            [Bounds("clicks", 0, 30, 90)], None, Stored(("clicks", 0, 5)), StartingOffsets.Group, allowDataLoss: false);

        plan.BlockedGaps.ShouldBe([new DataLossGap("clicks", 0, 5, 30)]);
        plan.NonEmptyRanges.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StoredOffsetPastEnd_ThrowsAheadOfTopic()
    {
        var error = Should.Throw<OffsetAheadOfTopicException>(() =>
            Plan([Bounds("clicks", 2, 0, 100)], Stored(("clicks", 2, 101))));

        error.Message.ShouldContain("partition 2");
        error.Message.ShouldContain("101");
        error.Message.ShouldContain("recreated");
        error.Facts["Topic"].ShouldBe("clicks");
    }

    [Fact]
    public void Plan_GroupOffsetPastEnd_ThrowsAheadOfTopic()
    {
        Should.Throw<OffsetAheadOfTopicException>(() => OffsetPlanner.Plan(
            [Bounds("clicks", 0, 0, 10)], None, Stored(("clicks", 0, 11)), StartingOffsets.Group, allowDataLoss: true));
    }

    [Fact]
    public void Plan_NegativeStoredOffset_ThrowsEvenWithDataLossAllowed()
    {
        Should.Throw<OffsetAheadOfTopicException>(() => OffsetPlanner.Plan(
            [Bounds("clicks", 0, 0, 10)], Stored(("clicks", 0, -1)), None, StartingOffsets.Earliest, allowDataLoss: true));
    }

    [Fact]
    public void Plan_StoredOffsetForPartitionTheTopicLacks_ThrowsAheadOfTopic()
    {
        var error = Should.Throw<OffsetAheadOfTopicException>(() =>
            Plan([Bounds("clicks", 0, 0, 10)], Stored(("clicks", 0, 5), ("clicks", 4, 9))));

        error.Message.ShouldContain("partition 4");
        error.Message.ShouldContain("now has 1 partitions");
    }

    [Fact]
    public void Plan_StoredOffsetOfTopicNotInThisRun_IsIgnored()
    {
        var plan = Plan([Bounds("clicks", 0, 0, 10)], Stored(("checkouts", 7, 5)));

        plan.Ranges.ShouldBe([new PartitionRange("clicks", 0, 0, 10)]);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(6, 5)]
    public void Plan_InconsistentBounds_ThrowsArgumentException(long earliest, long end)
    {
        Should.Throw<ArgumentException>(() => Plan([Bounds("clicks", 0, earliest, end)], None));
    }

    private static OffsetPlan Plan(IReadOnlyList<PartitionBounds> bounds, Dictionary<KafkaPartition, long> stored) =>
        OffsetPlanner.Plan(bounds, stored, None, StartingOffsets.Earliest, allowDataLoss: false);

    private static PartitionBounds Bounds(string topic, int partition, long earliest, long end) =>
        new(topic, partition, earliest, end);

    private static Dictionary<KafkaPartition, long> Stored(params (string Topic, int Partition, long Offset)[] offsets) =>
        offsets.ToDictionary(o => new KafkaPartition(o.Topic, o.Partition), o => o.Offset);
}
