using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Writing;

namespace ClickBatch.Tests.Delta.Writing;

public class ConflictCheckerTests
{
    private static readonly Uri Table = new("file:///t/");

    [Fact]
    public void Check_WinnerRemovedAFileWeRemove_Conflicts()
    {
        DeltaAction[] ours = [DeltaAction.Of(new RemoveFile { Path = "a.parquet", DataChange = true })];
        DeltaAction[] winner = [DeltaAction.Of(new RemoveFile { Path = "a.parquet", DataChange = true })];

        Should.Throw<DeltaConflictException>(() => ConflictChecker.Check(Table, 4, winner, ours)).Message.ShouldContain("'a.parquet'");
    }

    [Fact]
    public void Check_WinnerAppendsAndAdvancesOtherApp_DoesNotConflict()
    {
        DeltaAction[] ours = [DeltaAction.Of(new AddFile { Path = "b.parquet" }), DeltaAction.Of(new TransactionAction { AppId = "clicks-0", Version = 9 })];
        DeltaAction[] winner =
        [
            DeltaAction.Of(new CommitInfoAction { Operation = "WRITE" }),
            DeltaAction.Of(new AddFile { Path = "c.parquet" }),
            DeltaAction.Of(new TransactionAction { AppId = "clicks-1", Version = 3 }),
            DeltaAction.Of(new RemoveFile { Path = "z.parquet" }),
        ];

        Should.NotThrow(() => ConflictChecker.Check(Table, 4, winner, ours));
    }

    [Fact]
    public void Check_WinnerChangedProtocol_Conflicts()
    {
        DeltaAction[] winner = [DeltaAction.Of(new ProtocolAction { MinReaderVersion = 3, MinWriterVersion = 7 })];

        Should.Throw<DeltaConflictException>(() => ConflictChecker.Check(Table, 4, winner, [])).Message.ShouldContain("protocol");
    }
}
