namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>What the fuzzer did to a seed payload. Byte-level mutations ignore the JSON; the others work on its properties.</summary>
public enum FuzzMutation
{
    BitFlip,
    ByteReplace,
    Truncate,
    InsertBytes,
    Bom,
    Splice,
    TrailingData,
    ReplaceValue,
    InsertEscape,
    EscapeName,
    DuplicateProperty,
    InsertField,
    DeepNesting,
    HugeValue,
    RemoveProperty,
    ControlCharInString,
    Stacked,
}
