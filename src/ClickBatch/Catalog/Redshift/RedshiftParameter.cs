namespace ClickBatch.Catalog.Redshift;

/// <summary>A named SQL parameter of the Data API (<c>:name</c> in the SQL); values travel as text and Redshift casts them.</summary>
public sealed record RedshiftParameter(string Name, string Value);
