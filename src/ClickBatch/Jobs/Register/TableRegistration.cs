using ClickBatch.Catalog.Glue;

namespace ClickBatch.Jobs.Register;

/// <summary>
/// What <c>clickbatch register</c> did for one table: the Delta version its manifests were rebuilt from (null when there
/// is no Delta table there) and its Glue registration (null without a Glue database, or without a table).
/// </summary>
public sealed record TableRegistration(string Table, string TableUri, long? DeltaVersion, GlueRegistration? Glue);
