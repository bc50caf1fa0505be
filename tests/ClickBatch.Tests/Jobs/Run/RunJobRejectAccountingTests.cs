using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// Issue 13, "a lost record cannot balance the books": every reject kind, end to end through a run, lands in the
/// rejects table under its own offset and kind, and rows + rejects = records with nothing counted as already landed.
/// </summary>
public sealed class RunJobRejectAccountingTests : IDisposable
{
    private const string Valid = "\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"";

    /// <summary>A clicks value that decodes to each kind. A kind added to <see cref="RejectKind"/> without a sample here fails the test.</summary>
    private static readonly Dictionary<RejectKind, byte[]?> Samples = new()
    {
        [RejectKind.InvalidJson] = Utf8("{\"click_id\":\"c\","),
        [RejectKind.NotAnObject] = Utf8("[1,2,3]"),
        [RejectKind.WrongType] = Utf8("{\"click_id\":\"c\",\"user_id\":\"one\",\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}"),
        [RejectKind.MissingRequiredField] = Utf8("{\"click_id\":\"c\",\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}"),
        [RejectKind.NullInRequiredField] = Utf8("{\"click_id\":\"c\",\"user_id\":null,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}"),
        [RejectKind.InvalidUtf8] = [.. Utf8("{\"click_id\":\""), 0xC3, 0x28, .. Utf8("\"," + Valid[(Valid.IndexOf(',', StringComparison.Ordinal) + 1)..] + "}")],
        [RejectKind.Tombstone] = null,
        [RejectKind.EmptyPayload] = [],
        [RejectKind.NumberOutOfRange] = Utf8("{\"click_id\":\"c\",\"user_id\":99999999999,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}"),
        [RejectKind.InvalidTimestamp] = Utf8("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-13-45 10:00:00\"}"),
        [RejectKind.DuplicateField] = Utf8("{" + Valid + ",\"user_id\":2}"),
        [RejectKind.InvalidEscape] = Utf8("{\"click_id\":\"\\ud800\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"}"),
    };

    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_EveryRejectKind_LandsAsARejectOfThatKindAndTheBooksBalance()
    {
        // internal_error is the decoder's safety net for an exception no rule expected: no payload can produce it on
        // purpose (RecordDecoderHostileInputTests forces it with a throwing buffer); it is written like every other reject.
        var kinds = Enum.GetValues<RejectKind>().Where(k => k != RejectKind.InternalError).ToArray();
        kinds.Where(k => !Samples.ContainsKey(k)).ShouldBeEmpty("every RejectKind needs a sample value here");
        // Offset 2k is a valid click, 2k+1 the sample of kind k: rows and rejects interleave across chunks.
        var values = kinds.SelectMany(k => new[] { Utf8("{" + Valid + "}"), Samples[k] }).ToList();

        var report = await _lake.RunAsync(new FakeKafkaSource().WithValues("clicks", 0, values));

        report.Status.ShouldBe(RunStatus.Succeeded);
        var partition = report.Topics.Single().Partitions.Single();
        (partition.Records, partition.Rows, partition.Rejects, partition.AlreadyLanded).ShouldBe((values.Count, kinds.Length, kinds.Length, 0L));
        var rejects = DuckDb.Query($"SELECT _kafka_offset, error_kind FROM read_parquet([{string.Join(", ", await ActiveFilesAsync("clicks_rejects"))}]) ORDER BY 1");
        rejects.Select(r => ((long)r[0]!, (string)r[1]!)).ShouldBe(kinds.Select((k, i) => (2L * i + 1, k.Name())));
        var rows = DuckDb.Query($"SELECT _kafka_offset FROM read_parquet([{string.Join(", ", await ActiveFilesAsync("clicks"))}]) ORDER BY 1");
        rows.Select(r => (long)r[0]!).ShouldBe(kinds.Select((_, i) => 2L * i));
    }

    private async Task<List<string>> ActiveFilesAsync(string table) =>
        (await _lake.SnapshotAsync(table)).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, table, UriPath.Unescape(f.Path)))).ToList();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
