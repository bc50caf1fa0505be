using ClickBatch.Catalog.Glue;

namespace ClickBatch.Jobs.Register;

/// <summary>What <c>clickbatch register</c> did for one table: null <see cref="Glue"/> when there is no Delta table there.</summary>
public sealed record TableRegistration(string Table, string TableUri, GlueRegistration? Glue);
