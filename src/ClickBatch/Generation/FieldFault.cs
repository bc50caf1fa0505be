namespace ClickBatch.Generation;

/// <summary>How one field of a malformed record is spoiled.</summary>
internal enum FieldFault
{
    None = 0,
    Omit = 1,
    Null = 2,
    WrongType = 3,
}
