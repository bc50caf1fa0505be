using System.Text.Json;
using ClickBatch.Generation;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>Real events from the project's generator (<see cref="GenerationPlan"/>, <see cref="RecordEncoder"/>) as fuzz seeds.</summary>
public static class FuzzSeeds
{
    /// <summary>
    /// The encoded values of a generation run of <paramref name="clicks"/> clicks (plus checkouts and the generator's
    /// own bad records), each seed once per schema of its topic in <see cref="FuzzSchemas"/>. Tombstones are left out.
    /// </summary>
    public static IReadOnlyList<FuzzSeed> Generate(int clicks, ulong seed)
    {
        var plan = GenerationPlan.Create(new GeneratorOptions
        {
            Clicks = clicks,
            Seed = seed,
            MalformedRatio = 0.05,
            From = new DateOnly(2026, 12, 5),
            To = new DateOnly(2026, 12, 6),
        });
        using var encoder = RecordEncoder.For(plan);
        var seeds = new List<FuzzSeed>();
        foreach (var record in plan.Records)
        {
            var encoded = encoder.Encode(record);
            if (encoded.IsTombstone)
            {
                continue;
            }

            var value = encoded.Value.ToArray();
            var properties = PropertiesOf(value);
            foreach (var schemaIndex in FuzzSchemas.ForTopic(record.Topic == EventTopic.Clicks ? "clicks" : "checkouts"))
            {
                seeds.Add(new FuzzSeed(schemaIndex, value, properties));
            }
        }

        return seeds;
    }

    /// <summary>Where the top-level properties of a JSON object are; empty when the value is not a valid object.</summary>
    public static IReadOnlyList<PropertySpan> PropertiesOf(byte[] value)
    {
        var properties = new List<PropertySpan>();
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return [];
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex;
                var nameEnd = nameStart + reader.ValueSpan.Length + 2;
                reader.Read();
                var type = reader.TokenType;
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                properties.Add(new PropertySpan(nameStart, nameEnd, valueStart, (int)reader.BytesConsumed, type));
            }

            return properties;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
