using ClickBatch.Delta.Checkpoints;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Checkpoints;

/// <summary>Issue 13 item 10: checkpoint copies of killed processes do not pile up in the temp folder.</summary>
public class ScratchDirectoryTests
{
    [Fact]
    public void Dispose_AfterUse_RemovesTheFolderAndItsLock()
    {
        using var root = new TempDirectory();

        using (var scratch = ScratchDirectory.Create(root.Path))
        {
            File.WriteAllText(scratch.File("checkpoint.parquet"), "x");
        }

        Directory.EnumerateFileSystemEntries(root.Path).ShouldBeEmpty();
    }

    [Fact]
    public void Create_FolderOfAKilledProcess_RemovesItButKeepsAFolderInUse()
    {
        using var root = new TempDirectory();
        using var live = ScratchDirectory.Create(root.Path);
        File.WriteAllText(live.File("checkpoint.parquet"), "in use");
        // What a SIGKILLed process leaves: the folder, its copy and its lock file, no longer locked by anyone.
        var dead = Path.Combine(root.Path, "0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "checkpoint.parquet"), "left by a killed run");
        File.WriteAllText(dead + ".lock", string.Empty);
        var orphan = Path.Combine(root.Path, "fedcba9876543210fedcba9876543210");
        Directory.CreateDirectory(orphan);

        using var next = ScratchDirectory.Create(root.Path);

        Directory.Exists(dead).ShouldBeFalse();
        File.Exists(dead + ".lock").ShouldBeFalse();
        Directory.Exists(orphan).ShouldBeFalse();
        File.ReadAllText(live.File("checkpoint.parquet")).ShouldBe("in use");
        Directory.Exists(next.Path).ShouldBeTrue();
    }
}
