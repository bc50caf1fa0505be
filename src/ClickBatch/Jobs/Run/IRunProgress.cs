namespace ClickBatch.Jobs.Run;

/// <summary>Where a run shows its progress toward the end bound: bars on a terminal, log lines otherwise.</summary>
public interface IRunProgress
{
    /// <summary>The run planned this many offsets per topic (the distance to the end bound).</summary>
    void Planned(IReadOnlyDictionary<string, long> offsetsPerTopic);

    /// <summary>A topic has read this many records so far (called after every chunk; implementations throttle).</summary>
    void Read(string topic, long records);

    /// <summary>Every topic reached its end bound.</summary>
    void Completed();
}
