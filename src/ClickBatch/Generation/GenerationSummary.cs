using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>What a run produced, per topic and in total; <c>generate --json</c> prints it.</summary>
public sealed class GenerationSummary
{
    public GenerationSummary(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Clicks = new TopicSummary(options.ClicksTopic);
        Checkouts = new TopicSummary(options.CheckoutsTopic);
    }

    public GeneratorOptions Options { get; }

    public TopicSummary Clicks { get; }

    public TopicSummary Checkouts { get; }

    public TopicSummary For(EventTopic topic) => topic == EventTopic.Clicks ? Clicks : Checkouts;

    public long Records => Clicks.Records + Checkouts.Records;

    public long Kind(MalformedKind kind) => Clicks.Kind(kind) + Checkouts.Kind(kind);

    /// <summary>Writes the summary as one JSON object (the <c>--json</c> output).</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("seed", Options.Seed);
        json.WriteString("from", Options.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("to", Options.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("topics");
        json.WritePropertyName(Clicks.Topic);
        Clicks.WriteJson(json);
        json.WritePropertyName(Checkouts.Topic);
        Checkouts.WriteJson(json);
        json.WriteEndObject();
        WriteTotals(json);
        json.WriteStartObject("checkout_scenarios");
        foreach (var scenario in CheckoutScenarios.ForCheckouts)
        {
            json.WriteNumber(CheckoutScenarios.Name(scenario), Checkouts.Scenario(scenario));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The <c>--json</c> output: one JSON object on one line.</summary>
    public string ToJsonString()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteJson(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One human-readable line: records per topic, malformed and duplicates.</summary>
    public override string ToString() =>
        $"{Clicks.Topic}: {Clicks.Records} records, {Checkouts.Topic}: {Checkouts.Records} records "
        + $"({Clicks.Malformed + Checkouts.Malformed} malformed, {Clicks.Duplicates + Checkouts.Duplicates} duplicates)";

    private void WriteTotals(Utf8JsonWriter json)
    {
        json.WriteStartObject("kinds");
        foreach (var kind in MalformedKinds.All)
        {
            json.WriteNumber(MalformedKinds.Name(kind), Kind(kind));
        }

        json.WriteEndObject();
        json.WriteStartObject("totals");
        json.WriteNumber("records", Records);
        json.WriteNumber("events", Clicks.Events + Checkouts.Events);
        json.WriteNumber("duplicates", Clicks.Duplicates + Checkouts.Duplicates);
        json.WriteNumber("malformed", Clicks.Malformed + Checkouts.Malformed);
        json.WriteNumber("valid", Clicks.Valid + Checkouts.Valid);
        json.WriteNumber("bytes", Clicks.ValueBytes + Checkouts.ValueBytes);
        json.WriteEndObject();
    }
}
