namespace ClickBatch.Catalog.Glue;

/// <summary>What writing the symlink manifests of one snapshot did.</summary>
public sealed record ManifestSyncResult(long DeltaVersion, int ManifestsWritten, int ManifestsDeleted, int FilesListed);
