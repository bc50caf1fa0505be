using System.Text.RegularExpressions;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// Which requests <see cref="FaultProxy"/> fails and how: those matching <see cref="Method"/>, <see cref="Path"/> (path
/// and query, e.g. <c>_delta_log/\d+\.json$</c>) and <see cref="Target"/> (the X-Amz-Target prefix of Glue calls, e.g.
/// <c>AWSGlue.</c>); of them the <see cref="Occurrences"/> (1-based) or a <see cref="Rate"/> drawn from the proxy's
/// seeded RNG. <see cref="MaxConsecutive"/> bounds how often one request (method and path) fails in a row, so a
/// client's retries can get through a rate of faults; <see cref="Limit"/> bounds the faults of the rule in all.
/// </summary>
public sealed record FaultRule(FaultKind Kind)
{
    public string? Method { get; init; }

    public Regex? Path { get; init; }

    public string? Target { get; init; }

    public IReadOnlySet<int>? Occurrences { get; init; }

    public double Rate { get; init; } = 1.0;

    public int MaxConsecutive { get; init; } = int.MaxValue;

    public int Limit { get; init; } = int.MaxValue;

    /// <summary>S3 requests only: those without an X-Amz-Target header.</summary>
    public bool S3Only { get; init; }

    public bool Matches(string method, string pathAndQuery, string? target) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || Path.IsMatch(pathAndQuery))
        && (Target is null || (target?.StartsWith(Target, StringComparison.Ordinal) ?? false))
        && !(S3Only && target is not null);
}
