using ClickBatch.Ledger;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// A record whose bytes once stopped every run (issue 13 item 1: a lone surrogate escape threw out of the decoder,
/// exit 1, nothing landed, every rerun failed at the same offset) goes through a whole run as one reject row.
/// </summary>
public sealed class RunJobHostileRecordTests : IDisposable
{
    private const string LoneSurrogate =
        "{\"click_id\":\"\\ud800\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}";

    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_LoneSurrogateEscapeInClickId_OneRejectRowTheOtherRecordsLandExitZero()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click("a"), LoneSurrogate, Click("b"), Click("c")]);

        var report = await _lake.RunAsync(source);

        report.Error.ShouldBeNull();
        report.Status.ShouldBe(RunStatus.Succeeded);
        report.ExitCode.ShouldBe(0);
        (report.Records, report.Rows, report.Rejects).ShouldBe((4, 3, 1));
        DuckDb.Query($"SELECT click_id FROM read_parquet({DuckDb.Literal(Lake + "/clicks/dt=*/*.parquet")}) ORDER BY 1")
            .Select(r => (string)r[0]!).ShouldBe(["a", "b", "c"]);
        var reject = DuckDb.Query("SELECT _kafka_offset, error_kind, error_message, decode(raw_value) "
            + $"FROM read_parquet({DuckDb.Literal(Lake + "/clicks_rejects/dt=*/*.parquet")})").ShouldHaveSingleItem();
        reject[0].ShouldBe(1L);
        reject[1].ShouldBe("invalid_escape");
        ((string)reject[2]!).ShouldContain("click_id");
        reject[3].ShouldBe(LoneSurrogate);
    }

    private static string Click(string id) =>
        "{\"click_id\":\"" + id + "\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}";

    private string Lake => _lake.Lake;

}
