using System.Text;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Schema;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Maintenance;

/// <summary>Vacuum keeps what a manifest lists, in the unescaped line form Delta writes and in the escaped form ClickBatch wrote before.</summary>
public sealed class ProtectedFilesTests : IDisposable
{
    private const string Key = "dt=a b%25/part-1.parquet";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Contains_FileListedOnlyByAManifest_IsProtectedInEitherLineForm(bool escapedLine)
    {
        var store = new LocalObjectStore(_dir.Path);
        var line = escapedLine ? store.GetAbsoluteUri(Key).AbsoluteUri : "file://" + _dir.Path + "/" + Key;
        await store.PutAsync(ManifestWriter.ManifestKey("dt=a b%25"), Encoding.UTF8.GetBytes(line + "\n"), Ct);
        var empty = SnapshotBuilder.Create(new StructType([new StructField("id", PrimitiveType.Long)]), [], []);

        var files = await ProtectedFiles.LoadAsync(store, empty, Ct);

        files.Contains(Key).ShouldBeTrue(line);
        files.Contains("dt=a b%25/part-2.parquet").ShouldBeFalse();
    }
}
