namespace ClickBatch.Storage;

/// <summary>One object of a listing or head: key relative to the store root, size in bytes, last modification.</summary>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified);
