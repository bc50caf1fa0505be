using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClickBatch.Aws;

/// <summary>
/// Reads an AWS JSON 1.x error response: code from the body's <c>__type</c> (text after '#') or the
/// X-Amzn-ErrorType header, message from <c>message</c>/<c>Message</c>, request id from X-Amzn-RequestId.
/// </summary>
internal static partial class AwsErrorReader
{
    private const int MaxMessageLength = 500;

    public static async Task<AwsServiceException> ReadAsync(
        HttpResponseMessage response, string service, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (type, message) = ParseBody(body) is { Type: not null } json ? json : ParseXml(body);
        var code = CleanCode(type ?? HeaderValue(response, "X-Amzn-ErrorType"))
                   ?? "Http" + (int)response.StatusCode;
        message ??= body.Length == 0 ? null : Truncate(body);
        return new AwsServiceException(service, operation, code, response.StatusCode, HeaderValue(response, "X-Amzn-RequestId"), message);
    }

    /// <summary>"aws.protocoltests#FooError:http://internal..." becomes "FooError".</summary>
    public static string? CleanCode(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var code = type[(type.LastIndexOf('#') + 1)..];
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? code : code[..colon]).Trim();
    }

    private static (string? Type, string? Message) ParseBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? (null, null)
                : (StringProperty(root, "__type") ?? StringProperty(root, "code"), StringProperty(root, "message") ?? StringProperty(root, "Message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    // Gateways and auth failures (e.g. SignatureDoesNotMatch) may answer in the XML error format even for JSON services.
    private static (string? Type, string? Message) ParseXml(string body)
    {
        var code = XmlCode().Match(body);
        var message = XmlMessage().Match(body);
        return (code.Success ? code.Groups[1].Value : null, message.Success ? message.Groups[1].Value : null);
    }

    [GeneratedRegex("<Code>([^<]+)</Code>")]
    private static partial Regex XmlCode();

    [GeneratedRegex("<Message>([^<]*)</Message>")]
    private static partial Regex XmlMessage();

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "...";
}
