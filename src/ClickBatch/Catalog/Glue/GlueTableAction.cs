namespace ClickBatch.Catalog.Glue;

/// <summary>What registering a Delta table did to its Glue table.</summary>
public enum GlueTableAction
{
    Unchanged,
    Created,
    Updated,

    /// <summary>Dropped and created again because its partition keys changed (Glue cannot alter them in place).</summary>
    Recreated,
}
