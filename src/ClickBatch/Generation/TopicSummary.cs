using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>Counts of one topic's records, by role and malformed kind, plus the value bytes.</summary>
public sealed class TopicSummary
{
    private readonly long[] _kinds = new long[MalformedKinds.All.Count];
    private readonly long[] _scenarios = new long[Enum.GetValues<CheckoutScenario>().Length];

    public TopicSummary(string topic) => Topic = topic;

    public string Topic { get; }

    /// <summary>Every record produced (events, duplicates, malformed).</summary>
    public long Records { get; private set; }

    /// <summary>Distinct generated events (not counting duplicates or malformed records).</summary>
    public long Events { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Injected bad records of every kind, unknown-extra-fields included.</summary>
    public long Malformed { get; private set; }

    /// <summary>Records a decoder must keep: events, duplicates and unknown-extra-fields records.</summary>
    public long Valid { get; private set; }

    /// <summary>Sum of the value sizes in bytes (keys and Kafka framing excluded).</summary>
    public long ValueBytes { get; private set; }

    public long Kind(MalformedKind kind) => _kinds[(int)kind];

    /// <summary>Events (not duplicates) of the scenario: checkouts on the checkouts topic, their clicks on clicks.</summary>
    public long Scenario(CheckoutScenario scenario) => _scenarios[(int)scenario];

    public void Add(in PlannedRecord record, int valueBytes)
    {
        Records++;
        ValueBytes += valueBytes;
        Valid += record.IsValid ? 1 : 0;
        switch (record.Role)
        {
            case RecordRole.Event:
                Events++;
                _scenarios[(int)record.Scenario]++;
                break;
            case RecordRole.Duplicate:
                Duplicates++;
                break;
            default:
                Malformed++;
                _kinds[(int)record.Malformed]++;
                break;
        }
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("records", Records);
        json.WriteNumber("events", Events);
        json.WriteNumber("duplicates", Duplicates);
        json.WriteNumber("malformed", Malformed);
        json.WriteNumber("valid", Valid);
        json.WriteNumber("bytes", ValueBytes);
        json.WriteStartObject("kinds");
        foreach (var kind in MalformedKinds.All)
        {
            json.WriteNumber(MalformedKinds.Name(kind), Kind(kind));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
