using System.Text.Json;
using ClickBatch.Delta.Log;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Log;

public class LastCheckpointChecksumTests
{
    [Fact]
    public void Compute_ProtocolExample_GivesTheProtocolsChecksum()
    {
        const string json = """{"k0":"'v 0'", "checksum": "adsaskfljadfkjadfkj", "k1":{"k2": 2, "k3": ["v3", [1, 2], {"k4": "v4", "k5": ["v5", "v6", "v7"]}]}}""";

        using var doc = JsonDocument.Parse(json);

        LastCheckpointChecksum.Compute(doc.RootElement).ShouldBe("6a92d155a59bf2eecbd4b4ec7fd1f875");
    }

    [Theory]
    [InlineData("dv-with-columnmapping")]
    [InlineData("basic-with-inserts-overwrite-restore")]
    public void IsValid_SparkWrittenLastCheckpoint_Validates(string table)
    {
        var bytes = File.ReadAllBytes(Path.Combine(ConformanceTables.TablePath(table), "_delta_log", "_last_checkpoint"));

        LastCheckpointChecksum.IsValid(bytes).ShouldBeTrue();
        LastCheckpointChecksum.IsValid(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("\"version\":", "\"version\":1", StringComparison.Ordinal))).ShouldBeFalse();
    }
}
