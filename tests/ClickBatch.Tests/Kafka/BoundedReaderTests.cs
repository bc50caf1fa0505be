using ClickBatch.Kafka;
using Confluent.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class BoundedReaderTests
{
    /// <summary>
    /// librdkafka hands out a corrupt or undecompressable record as an error at its offset and moves on: retrying (the
    /// path for fetch errors) would skip it without a trace, so these must stop the read.
    /// </summary>
    [Theory]
    [InlineData(ErrorCode.Local_BadMsg)]
    [InlineData(ErrorCode.Local_BadCompression)]
    [InlineData(ErrorCode.InvalidMsg)]
    [InlineData(ErrorCode.InvalidMsgSize)]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    public void IsUndeliverableRecord_RecordLevelErrorAtAPartition_StopsTheRead(ErrorCode code) =>
        BoundedReader.IsUndeliverableRecord(code, partition: 3).ShouldBeTrue();

    [Theory]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.Local_TimedOut)]
    public void IsUndeliverableRecord_ClientOrFetchError_IsLeftToLibrdkafkasRetries(ErrorCode code) =>
        BoundedReader.IsUndeliverableRecord(code, partition: 3).ShouldBeFalse();

    [Fact]
    public void IsUndeliverableRecord_NoPartition_IsNotARecordsError() =>
        BoundedReader.IsUndeliverableRecord(ErrorCode.Local_BadMsg, partition: -1).ShouldBeFalse();
}
