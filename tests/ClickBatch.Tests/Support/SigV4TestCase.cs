using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClickBatch.Aws;

namespace ClickBatch.Tests.Support;

/// <summary>One case folder of the AWS SigV4 test suite (see Aws/SigV4TestSuite/README.md).</summary>
public sealed record SigV4TestCase(
    string Name,
    string Method,
    string Target,
    List<KeyValuePair<string, string>> Headers,
    string Body,
    AwsCredentials Credentials,
    SigV4Scope Scope,
    DateTimeOffset Time,
    string? ExpectedCanonicalRequest,
    string? ExpectedStringToSign,
    string ExpectedAuthorization)
{
    public static string SuiteDirectory => Path.Combine(AppContext.BaseDirectory, "Aws", "SigV4TestSuite");

    public static IEnumerable<object[]> Names() =>
        Directory.GetDirectories(SuiteDirectory).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(n => (string)n[0], StringComparer.Ordinal);

    public string PayloadHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));

    public string Path_ => Target.Split('?', 2)[0];

    public string Query => Target.Contains('?', StringComparison.Ordinal) ? Target.Split('?', 2)[1] : string.Empty;

    public static SigV4TestCase Load(string name)
    {
        var folder = Path.Combine(SuiteDirectory, name);
        var (method, target, headers, body) = ParseRequest(File.ReadAllText(Path.Combine(folder, "request.txt")));
        var (credentials, scope, time) = ParseContext(File.ReadAllText(Path.Combine(folder, "context.json")));
        var signed = ParseRequest(File.ReadAllText(Path.Combine(folder, "header-signed-request.txt"))).Headers;
        var authorization = signed.Single(h => h.Key == "Authorization").Value;
        return new SigV4TestCase(
            name, method, target, headers, body, credentials, scope, time,
            ReadOptional(folder, "header-canonical-request.txt"),
            ReadOptional(folder, "header-string-to-sign.txt"),
            authorization);
    }

    private static string? ReadOptional(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static (string Method, string Target, List<KeyValuePair<string, string>> Headers, string Body) ParseRequest(string text)
    {
        var headEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var lines = text[..headEnd].Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = lines.Skip(1)
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..]))
            .ToList();
        return (method, target, headers, text[(headEnd + 2)..]);
    }

    private static (AwsCredentials, SigV4Scope, DateTimeOffset) ParseContext(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var credentials = root.GetProperty("credentials");
        var token = credentials.TryGetProperty("token", out var t) ? t.GetString() : null;
        return (
            new AwsCredentials(credentials.GetProperty("access_key_id").GetString()!, credentials.GetProperty("secret_access_key").GetString()!, token),
            new SigV4Scope(root.GetProperty("region").GetString()!, root.GetProperty("service").GetString()!),
            DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
