namespace ClickBatch.Decoding;

/// <summary>
/// How the JSON values of one topic map to typed columns. <paramref name="EventTimeField"/> names the timestamp
/// (or date) field the <c>dt</c> partition is derived from; null when the topic has none.
/// </summary>
public sealed record TopicSchema(string Topic, IReadOnlyList<FieldSpec> Fields, string? EventTimeField)
{
    /// <summary>Index of <see cref="EventTimeField"/> in <see cref="Fields"/>, or -1.</summary>
    public int EventTimeIndex
    {
        get
        {
            for (var i = 0; i < Fields.Count; i++)
            {
                if (string.Equals(Fields[i].Name, EventTimeField, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
