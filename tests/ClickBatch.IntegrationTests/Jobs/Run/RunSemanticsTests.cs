using System.Text;
using System.Text.Json;
using ClickBatch.Generation;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>Issue 4 "Semantics": end bound with idle partitions, data-loss detection, decoding and reject accounting.</summary>
public sealed class RunSemanticsTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task Run_IdleAndEmptyPartitions_DoneAtOnceAndReportedAsNothingNew()
    {
        using var harness = new RunHarness(kafka, partitions: 8);
        await ProduceClickAsync(harness.Clicks, partition: 2, "c-1");
        await ProduceClickAsync(harness.Clicks, partition: 5, "c-2");

        var first = await harness.RunAsync(harness.Settings());
        var second = await harness.RunAsync(harness.Settings());

        first.Status.ShouldBe(RunStatus.Succeeded);
        var clicks = first.Topics.Single(t => t.Topic == harness.Clicks);
        clicks.Partitions.Count.ShouldBe(8);
        clicks.Partitions.Where(p => p.Partition is not (2 or 5)).ShouldAllBe(p => p.StartOffset == p.EndOffset && p.Records == 0);
        clicks.Rows.ShouldBe(2);
        first.Topics.Single(t => t.Topic == harness.Checkouts).Records.ShouldBe(0);
        second.Status.ShouldBe(RunStatus.Succeeded);
        second.Records.ShouldBe(0);
        second.Topics.SelectMany(t => t.DeltaVersions).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_RetentionDeletedUnreadRecords_FailsWithExit3NamingTheRange()
    {
        using var harness = await LandOneThenLoseThreeAsync();
        var report = await harness.RunAsync(harness.Settings());

        report.Status.ShouldBe(RunStatus.DataLoss);
        report.ExitCode.ShouldBe(3);
        report.Error.ShouldNotBeNull();
        report.Error.ShouldContain(harness.Clicks);
        report.Error.ShouldContain("1-3");
        (await LakeReader.KafkaOffsetsAsync(harness.TableOf(harness.Clicks))).ShouldBe([(0, 0L)]);
    }

    [Fact]
    public async Task Run_RetentionDeletedExactlyOneUnreadOffsetInOnePartition_LandsTheOtherPartitionsThenExitsThree()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await ProduceClickAsync(harness.Clicks, 0, "a-0");
        (await harness.RunAsync(harness.Settings())).Status.ShouldBe(RunStatus.Succeeded);
        await ProduceClickAsync(harness.Clicks, 0, "a-1");
        await ProduceClickAsync(harness.Clicks, 0, "a-2");
        await ProduceClickAsync(harness.Clicks, 1, "b-0");
        await ProduceClickAsync(harness.Checkouts, 1, "not-a-checkout");
        kafka.Cluster.DeleteRecordsBefore(harness.Clicks, 0, 2);

        var report = await harness.RunAsync(harness.Settings(maxRejectRatio: 1));

        report.Status.ShouldBe(RunStatus.DataLoss);
        report.ExitCode.ShouldBe(3);
        report.Error.ShouldNotBeNull().ShouldContain($"topic '{harness.Clicks}' partition 0: offsets 1-1 (1 offsets)");
        (await LakeReader.KafkaOffsetsAsync(harness.TableOf(harness.Clicks))).Order().ShouldBe([(0, 0L), (1, 0L)]);
        (await harness.OffsetsInLakeAsync(harness.Checkouts)).ShouldBe([(1, 0L)]);
        report.Topics.Single(t => t.Topic == harness.Clicks).Partitions.Single(p => p.Partition == 0).DataLossGap.ShouldBe(new OffsetGap(1, 2));
    }

    [Fact]
    public async Task Run_AllowDataLoss_ContinuesFromEarliestAndRecordsTheGap()
    {
        using var harness = await LandOneThenLoseThreeAsync();
        var report = await harness.RunAsync(harness.Settings(allowDataLoss: true));

        report.Status.ShouldBe(RunStatus.Succeeded);
        var partition = report.Topics.Single(t => t.Topic == harness.Clicks).Partitions.Single();
        partition.DataLossGap.ShouldBe(new OffsetGap(1, 4));
        partition.StartOffset.ShouldBe(4);
        (await LakeReader.KafkaOffsetsAsync(harness.TableOf(harness.Clicks))).Select(o => o.Offset).Order().ShouldBe([0L, 4L, 5L]);
    }

    [Fact]
    public async Task Run_GeneratedBadRecords_EveryKindRejectedWithItsReasonAndNothingDropped()
    {
        using var harness = new RunHarness(kafka);
        var generated = await harness.ProduceAsync(clicks: 3000, malformedRatio: 0.05);

        var report = await harness.RunAsync(harness.Settings());

        report.Status.ShouldBe(RunStatus.Succeeded);
        var expectedByKind = new Dictionary<string, long>
        {
            ["invalid_json"] = generated.Kind(MalformedKind.TruncatedJson),
            ["invalid_utf8"] = generated.Kind(MalformedKind.NonUtf8Bytes),
            ["missing_required_field"] = generated.Kind(MalformedKind.MissingRequiredField),
            ["null_in_required_field"] = generated.Kind(MalformedKind.NullRequiredField),
            ["empty_payload"] = generated.Kind(MalformedKind.EmptyPayload),
            ["tombstone"] = generated.Kind(MalformedKind.Tombstone),
            ["wrong_type"] = generated.Kind(MalformedKind.WrongTypes),
        };
        var landed = new Dictionary<string, long>();
        foreach (var topic in new[] { harness.Clicks, harness.Checkouts })
        {
            var json = (string)(await LakeReader.ScalarAsync(harness.RejectsOf(topic),
                "SELECT to_json(map(list(error_kind), list(n)))::VARCHAR FROM (SELECT error_kind, count(*) AS n FROM t GROUP BY 1)"))!;
            foreach (var (kind, n) in JsonSerializer.Deserialize<Dictionary<string, long>>(json)!)
            {
                landed[kind] = landed.GetValueOrDefault(kind) + n;
            }
        }

        landed.ShouldBe(expectedByKind, ignoreOrder: true);
        report.Rows.ShouldBe(generated.Records - expectedByKind.Values.Sum());
    }

    [Fact]
    public async Task Run_RejectsKeepRawBytesAndWhere_TheyCameFrom()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        byte[] notUtf8 = [0x7B, 0x22, 0x61, 0x22, 0x3A, 0xC3, 0x28, 0x7D];
        using (var producer = kafka.CreateProducer())
        {
            await producer.ProduceAsync(new TopicPartition(harness.Clicks, 0), new Message<byte[]?, byte[]?> { Key = "u-9"u8.ToArray(), Value = notUtf8 });
        }

        var report = await harness.RunAsync(harness.Settings(maxRejectRatio: 1));

        report.Rejects.ShouldBe(1);
        var row = (string)(await LakeReader.ScalarAsync(harness.RejectsOf(harness.Clicks),
            "SELECT _kafka_topic || '|' || _kafka_partition || '|' || _kafka_offset || '|' || _kafka_key || '|' || hex(raw_value) || '|' || error_kind FROM t"))!;
        row.ShouldBe($"{harness.Clicks}|0|0|u-9|{Convert.ToHexString(notUtf8)}|invalid_utf8");
    }

    [Fact]
    public async Task Run_UnknownFields_KeptVerbatimInTheJsonColumn()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        await ProduceClickAsync(harness.Clicks, 0, "c-extra", extra: "\"campaign\":{\"id\":7,\"tags\":[\"a\",\"b\"]},\"ab_test\":null");

        var report = await harness.RunAsync(harness.Settings());

        report.Rows.ShouldBe(1);
        var unknown = (string)(await LakeReader.ScalarAsync(harness.TableOf(harness.Clicks), "SELECT _unknown_fields FROM t"))!;
        using var parsed = JsonDocument.Parse(unknown);
        parsed.RootElement.GetProperty("campaign").GetRawText().ShouldBe("{\"id\":7,\"tags\":[\"a\",\"b\"]}");
        parsed.RootElement.GetProperty("ab_test").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Run_RejectRatioAboveLimit_FailsWithExit4AndCommitsNothingOfThatChunk()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        await ProduceClickAsync(harness.Clicks, 0, "ok-1");
        using (var producer = kafka.CreateProducer())
        {
            await producer.ProduceAsync(new TopicPartition(harness.Clicks, 0), new Message<byte[]?, byte[]?> { Value = "{not json"u8.ToArray() });
        }

        var report = await harness.RunAsync(harness.Settings(maxRejectRatio: 0.1));

        report.Status.ShouldBe(RunStatus.RejectThresholdExceeded);
        report.ExitCode.ShouldBe(4);
        (await LakeReader.KafkaOffsetsAsync(harness.TableOf(harness.Clicks))).ShouldBeEmpty();
        (await harness.RunAsync(harness.Settings(maxRejectRatio: 1))).Status.ShouldBe(RunStatus.Succeeded);
        (await harness.OffsetsInLakeAsync(harness.Clicks)).Count.ShouldBe(2);
    }

    /// <summary>Offset 0 landed by a run; offsets 1-5 produced, then retention deletes 1-3 before the next run.</summary>
    private async Task<RunHarness> LandOneThenLoseThreeAsync()
    {
        var harness = new RunHarness(kafka, partitions: 1);
        await ProduceClickAsync(harness.Clicks, 0, "a-1");
        (await harness.RunAsync(harness.Settings())).Status.ShouldBe(RunStatus.Succeeded);
        for (var i = 0; i < 5; i++)
        {
            await ProduceClickAsync(harness.Clicks, 0, "b-" + i);
        }

        kafka.Cluster.DeleteRecordsBefore(harness.Clicks, 0, 4);
        return harness;
    }

    private async Task ProduceClickAsync(string topic, int partition, string clickId, string? extra = null)
    {
        var json = $"{{\"click_id\":\"{clickId}\",\"user_id\":17,\"product_id\":\"p-1\",\"product\":\"Lamp\",\"price\":12.5,"
            + $"\"url\":\"https://shop.example/p-1\",\"user_agent\":\"ua\",\"ip_address\":\"10.0.0.1\",\"datetime_occured\":\"2026-11-22 10:00:00.000\""
            + (extra is null ? string.Empty : "," + extra) + "}";
        using var producer = kafka.CreateProducer();
        await producer.ProduceAsync(new TopicPartition(topic, partition),
            new Message<byte[]?, byte[]?> { Key = "17"u8.ToArray(), Value = Encoding.UTF8.GetBytes(json) });
    }
}
