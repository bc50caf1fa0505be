using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClickBatch.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ClickBatch.Aws;

/// <summary>
/// A client for AWS JSON 1.1 services (Glue, Redshift Data): POST / with X-Amz-Target: &lt;Prefix&gt;.&lt;Operation&gt;,
/// a System.Text.Json body, SigV4 signed afresh for every attempt, retried on throttling, 5xx and network errors.
/// Errors become <see cref="AwsServiceException"/>. The HttpClient is the caller's (tests pass a fake handler).
/// </summary>
public sealed class AwsJsonClient
{
    /// <summary>Exact property names (models spell them as AWS does), nulls left out.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

    private readonly HttpClient http;
    private readonly AwsClientSettings settings;
    private readonly IAwsCredentialSource credentials;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly ResiliencePipeline pipeline;

    public AwsJsonClient(HttpClient http, AwsClientSettings settings, IAwsCredentialSource credentials, TimeProvider clock, ILogger? logger = null)
    {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.logger = logger ?? NullLogger.Instance;
        pipeline = AwsResilience.Create(settings.Retry, clock, this.logger, settings.Service.TargetPrefix);
    }

    public AwsService Service => settings.Service;

    /// <summary>
    /// A client for <paramref name="service"/> configured from the injected environment (region, endpoint override,
    /// credentials; see docs/aws.md). The HttpClient lives as long as the process, as HttpClient should.
    /// </summary>
    public static AwsJsonClient Create(IReadOnlyDictionary<string, string> environment, AwsService service, TimeProvider clock, ILogger? logger = null)
    {
        var settings = AwsClientSettings.FromEnvironment(environment, service);
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(60) };
        return new AwsJsonClient(http, settings, AwsEnvironmentCredentials.Source(environment), clock, logger);
    }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="request"/> and reads the response body as <typeparamref name="TResponse"/>.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, JsonOptions);
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Client.SendOnceAsync<TResponse>(state.Operation, state.Body, ctx.CancellationToken),
                context,
                (Client: this, Operation: operation, Body: body));
        }
        catch (Exception e) when (AwsUnreachableException.IsNetwork(e))
        {
            throw new AwsUnreachableException(settings.Service.TargetPrefix + " " + operation, settings.Endpoint.ToString(), e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(string operation, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = AmzJson;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", settings.Service.TargetPrefix + "." + operation);
        var signing = await credentials.GetCredentialsAsync(cancellationToken);
        var scope = new SigV4Scope(settings.Region, settings.Service.SigningName);
        await SigV4Signer.SignAsync(request, signing, scope, clock.GetUtcNow(), includeContentSha256: false, cancellationToken);

        var started = clock.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        AwsLog.Called(logger, settings.Service.TargetPrefix, operation, (int)response.StatusCode, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorReader.ReadAsync(response, settings.Service.TargetPrefix, operation, cancellationToken);
        }

        return await ReadBodyAsync<TResponse>(response, operation, cancellationToken);
    }

    private async Task<TResponse> ReadBodyAsync<TResponse>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var what = settings.Service.TargetPrefix + " " + operation;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<TResponse>(stream, JsonOptions, cancellationToken)
                   ?? throw new ClickBatchException(what + " returned an empty body; expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ClickBatchException(what + " returned a body that is not the expected JSON (" + e.Message + "); check the endpoint (AWS_ENDPOINT_URL).", e)
                .With("Operation", operation);
        }
    }
}
