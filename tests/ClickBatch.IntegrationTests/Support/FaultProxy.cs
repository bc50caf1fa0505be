using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// An HTTP proxy on 127.0.0.1 (Kestrel, a free port) in front of moto_server that injects faults by
/// <see cref="FaultRule"/>: 500s, 503 SlowDown, dropped connections, hangs, and successes answered as failures. Point
/// AWS_ENDPOINT_URL at <see cref="Endpoint"/> (see <see cref="Environment"/>) and S3 and Glue go through it, in this
/// process or a child process. Everything else is forwarded byte for byte. Decisions are taken in arrival order with
/// one RNG seeded per proxy.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Proxy-Connection", "Upgrade", "TE", "Content-Length",
    };

    private readonly Uri _upstream;
    private readonly Random _random;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly List<string> _injected = [];
    private readonly Dictionary<FaultRule, RuleState> _states = [];
    private WebApplication? _app;
    private IReadOnlyList<FaultRule> _rules;
    private int _requests;

    private FaultProxy(Uri upstream, int seed, IReadOnlyList<FaultRule> rules)
    {
        _upstream = upstream;
        _random = new Random(seed);
        _rules = rules;
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>How long a <see cref="FaultKind.Timeout"/> hangs at most when the client does not give up first. Default 2 min.</summary>
    public TimeSpan HangFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The delay of <see cref="FaultKind.Latency"/>. Default 50 ms.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Requests seen, faulted or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>One line per injected fault: kind, method, path.</summary>
    public IReadOnlyList<string> Injected
    {
        get
        {
            lock (_states)
            {
                return [.. _injected];
            }
        }
    }

    public static async Task<FaultProxy> StartAsync(Uri upstream, int seed, params FaultRule[] rules)
    {
        var proxy = new FaultProxy(upstream, seed, rules);
        await proxy.StartAsync();
        return proxy;
    }

    /// <summary><paramref name="environment"/> with AWS_ENDPOINT_URL pointing at this proxy.</summary>
    public IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment) =>
        new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/') };

    /// <summary>Replaces the rules (e.g. none, for a rerun after an outage); counts start again.</summary>
    public void SetRules(params FaultRule[] rules)
    {
        lock (_states)
        {
            _rules = rules;
            _states.Clear();
        }
    }

    public int InjectedCount(FaultKind kind) => Injected.Count(line => line.StartsWith(kind + " ", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }

        _forward.Dispose();
    }

    private async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var pathAndQuery = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t.ToString() : null;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        switch (Decide(request.Method, pathAndQuery, target))
        {
            case null:
                await ForwardAsync(context, pathAndQuery, body.ToArray(), answer: true);
                break;
            case FaultKind.InternalError:
                await AnswerErrorAsync(context, target, slowDown: false);
                break;
            case FaultKind.SlowDown:
                await AnswerErrorAsync(context, target, slowDown: true);
                break;
            case FaultKind.ConnectionReset:
                context.Abort();
                break;
            case FaultKind.Timeout:
                await HangAsync(context);
                break;
            case FaultKind.StoredThenInternalError:
                await ForwardAsync(context, pathAndQuery, body.ToArray(), answer: false);
                await AnswerErrorAsync(context, target, slowDown: false);
                break;
            case FaultKind.Latency:
                await Task.Delay(Latency, context.RequestAborted);
                await ForwardAsync(context, pathAndQuery, body.ToArray(), answer: true);
                break;
            case FaultKind.StoredThenConnectionReset:
                await ForwardAsync(context, pathAndQuery, body.ToArray(), answer: false);
                context.Abort();
                break;
        }
    }

    private FaultKind? Decide(string method, string pathAndQuery, string? target)
    {
        lock (_states)
        {
            foreach (var rule in _rules.Where(r => r.Matches(method, pathAndQuery, target)))
            {
                var state = _states.TryGetValue(rule, out var s) ? s : _states[rule] = new RuleState();
                state.Matches++;
                var key = method + " " + pathAndQuery;
                var picked = rule.Occurrences?.Contains(state.Matches) ?? _random.NextDouble() < rule.Rate;
                var inARow = state.Consecutive.GetValueOrDefault(key);
                if (picked && state.Injected < rule.Limit && inARow < rule.MaxConsecutive)
                {
                    state.Injected++;
                    state.Consecutive[key] = inARow + 1;
                    _injected.Add(rule.Kind + " " + key);
                    return rule.Kind;
                }

                state.Consecutive[key] = 0;
            }

            return null;
        }
    }

    private async Task ForwardAsync(HttpContext context, string pathAndQuery, byte[] body, bool answer)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, pathAndQuery.TrimStart('/')));
        if (body.Length > 0 || request.ContentLength is not null || HttpMethods.IsPut(request.Method) || HttpMethods.IsPost(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _forward.SendAsync(message, context.RequestAborted);
        var content = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (!answer)
        {
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
        }
        else if (response.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }
    }

    private static async Task AnswerErrorAsync(HttpContext context, string? target, bool slowDown)
    {
        var response = context.Response;
        string body;
        if (target is not null)
        {
            response.StatusCode = slowDown ? 400 : 500;
            response.ContentType = "application/x-amz-json-1.1";
            body = slowDown
                ? """{"__type":"ThrottlingException","message":"Rate exceeded (injected)"}"""
                : """{"__type":"InternalServiceException","message":"Internal service error (injected)"}""";
        }
        else
        {
            response.StatusCode = slowDown ? 503 : 500;
            response.ContentType = "application/xml";
            body = slowDown
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>injected</RequestId></Error>"
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>injected</RequestId></Error>";
        }

        response.Headers["x-amz-request-id"] = "injected";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(HangFor, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up, as a timeout test wants
        }

        context.Abort();
    }

    private sealed class RuleState
    {
        public int Matches { get; set; }

        public int Injected { get; set; }

        public Dictionary<string, int> Consecutive { get; } = new(StringComparer.Ordinal);
    }
}
