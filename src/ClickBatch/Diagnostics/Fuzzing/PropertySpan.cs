using System.Text.Json;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// A top-level property of a seed payload: the name from its opening quote to after its closing quote, and the
/// value's JSON text (a string value with its quotes).
/// </summary>
public readonly record struct PropertySpan(int NameStart, int NameEnd, int ValueStart, int ValueEnd, JsonTokenType ValueType);
