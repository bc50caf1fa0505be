namespace ClickBatch.Generation;

/// <summary>What the encoder changes in one record: a spoiled field (by position in the schema) or extra fields.</summary>
internal readonly record struct RecordFault(int Field, FieldFault Kind, bool ExtraFields)
{
    public static RecordFault None { get; } = new(-1, FieldFault.None, false);

    /// <summary>The field's fault, or <see cref="FieldFault.None"/> when another field (or none) is spoiled.</summary>
    public FieldFault For(int field) => field == Field ? Kind : FieldFault.None;
}
