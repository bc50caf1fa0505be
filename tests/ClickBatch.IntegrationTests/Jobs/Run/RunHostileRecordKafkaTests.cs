using System.Text;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 13 item 1 against the local Kafka: the record whose lone surrogate escape once stopped every run lands as
/// one reject, the records around it land, and a lone surrogate inside an unknown field stays byte-exact.
/// </summary>
public sealed class RunHostileRecordKafkaTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private const string LoneSurrogate =
        "{\"click_id\":\"\\ud800\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}";

    [Fact]
    public async Task Run_LoneSurrogateEscapes_KnownFieldIsOneRejectUnknownFieldLandsVerbatimExitZero()
    {
        using var harness = new RunHarness(kafka, partitions: 1);
        const string unknown = "{\"note\":\"x\\udc00y\"}";
        await ProduceAsync(harness.Clicks,
            Click("before", string.Empty), LoneSurrogate, Click("after", ",\"note\":\"x\\udc00y\""));

        var report = await harness.RunAsync(harness.Settings(maxRejectRatio: 1));
        var rerun = await harness.RunAsync(harness.Settings(maxRejectRatio: 1));

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.ExitCode.ShouldBe(0);
        (report.Records, report.Rows, report.Rejects).ShouldBe((3, 2, 1));
        var reject = (string)(await LakeReader.ScalarAsync(harness.RejectsOf(harness.Clicks),
            "SELECT _kafka_offset || '|' || error_kind || '|' || decode(raw_value) FROM t"))!;
        reject.ShouldBe("1|invalid_escape|" + LoneSurrogate);
        var landed = (string)(await LakeReader.ScalarAsync(harness.TableOf(harness.Clicks),
            "SELECT string_agg(click_id || '=' || coalesce(_unknown_fields, 'null'), ';' ORDER BY _kafka_offset) FROM t"))!;
        landed.ShouldBe("before=null;after=" + unknown);
        rerun.Status.ShouldBe(RunStatus.Succeeded);
        rerun.Records.ShouldBe(0);
    }

    private static string Click(string id, string extra) =>
        "{\"click_id\":\"" + id + "\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"" + extra + "}";

    private async Task ProduceAsync(string topic, params string[] values)
    {
        using var producer = kafka.CreateProducer();
        foreach (var value in values)
        {
            await producer.ProduceAsync(new TopicPartition(topic, 0),
                new Message<byte[]?, byte[]?> { Key = "1"u8.ToArray(), Value = Encoding.UTF8.GetBytes(value) });
        }
    }
}
