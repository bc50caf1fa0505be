namespace ClickBatch.Generation;

/// <summary>The two streams of the seed system; the Kafka topic names are options (<see cref="GeneratorOptions"/>).</summary>
public enum EventTopic : byte
{
    Clicks = 0,
    Checkouts = 1,
}
