namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// One generated event the fuzzer mutates: the payload bytes, the index of the schema it is decoded with
/// (<see cref="FuzzSchemas"/>), and where its top-level properties are (empty when the payload is not an object).
/// </summary>
public sealed record FuzzSeed(int SchemaIndex, byte[] Value, IReadOnlyList<PropertySpan> Properties);
