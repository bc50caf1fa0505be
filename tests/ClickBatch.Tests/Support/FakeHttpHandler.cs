using System.Net;
using System.Text;

namespace ClickBatch.Tests.Support;

/// <summary>An HttpMessageHandler that answers from a script and records what was sent (headers and body).</summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, HttpResponseMessage> respond;

    public FakeHttpHandler(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        this.respond = respond;
    }

    /// <summary>Answers with the given responses in order; the last one repeats.</summary>
    public static FakeHttpHandler Sequence(params Func<HttpResponseMessage>[] responses)
    {
        var index = 0;
        return new FakeHttpHandler(_ => responses[Math.Min(index++, responses.Length - 1)]());
    }

    public List<RecordedRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? requestId = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
        if (requestId is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        return respond(recorded);
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Target => Headers.GetValueOrDefault("X-Amz-Target") ?? string.Empty;
}
