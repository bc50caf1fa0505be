namespace ClickBatch.Decoding;

/// <summary>Outcome of <see cref="DecimalParser.TryParse"/>.</summary>
public enum DecimalParseResult
{
    Ok,
    NotANumber,
    TooManyFractionDigits,
    TooManyIntegerDigits,
}
