namespace ClickBatch.IntegrationTests.Support;

/// <summary>Counts requests per X-Amz-Target on their way to a real server.</summary>
public sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

    public int Count(string target)
    {
        lock (counts)
        {
            return counts.GetValueOrDefault(target);
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        lock (counts)
        {
            counts[target] = counts.GetValueOrDefault(target) + 1;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
