namespace ClickBatch.Delta.Inspection;

/// <summary>An active file whose object in the store has another size than add.size: truncated or replaced.</summary>
public sealed record WrongSizeDataFile(string Path, long Size, long ActualSize);
