namespace ClickBatch.Catalog.Redshift;

/// <summary>How the client waits for a statement to finish.</summary>
public sealed record RedshiftPollOptions
{
    /// <summary>Delay between DescribeStatement calls. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
