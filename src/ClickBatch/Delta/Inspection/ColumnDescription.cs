namespace ClickBatch.Delta.Inspection;

/// <summary>A top-level column of a described table: its logical name, type string (see DeltaType.ToTypeString) and nullability.</summary>
public sealed record ColumnDescription(string Name, string Type, bool Nullable);
