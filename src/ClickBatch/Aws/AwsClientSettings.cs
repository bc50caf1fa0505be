using ClickBatch.Errors;

namespace ClickBatch.Aws;

/// <summary>Where one AWS service is called: region (signing scope), endpoint and retry policy.</summary>
public sealed record AwsClientSettings(AwsService Service, string Region, Uri Endpoint, AwsRetryOptions Retry)
{
    /// <summary>True when the endpoint came from AWS_ENDPOINT_URL(_&lt;SERVICE&gt;) (moto, LocalStack, a VPC endpoint).</summary>
    public bool EndpointOverridden { get; init; }

    /// <summary>
    /// Region from AWS_REGION, then AWS_DEFAULT_REGION; endpoint from AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then
    /// AWS_ENDPOINT_URL, then the public endpoint. Reports every problem at once.
    /// </summary>
    public static AwsClientSettings FromEnvironment(
        IReadOnlyDictionary<string, string> environment,
        AwsService service,
        AwsRetryOptions? retry = null)
    {
        var problems = new List<string>();
        var region = FirstSet(environment, "AWS_REGION", "AWS_DEFAULT_REGION");
        if (region is null)
        {
            problems.Add("No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION), e.g. AWS_REGION=eu-west-1.");
        }

        var endpointVariable = "AWS_ENDPOINT_URL_" + service.EnvironmentSuffix;
        var endpointText = FirstSet(environment, endpointVariable, "AWS_ENDPOINT_URL");
        Uri? endpoint = null;
        if (endpointText is not null && !TryParseEndpoint(endpointText, out endpoint))
        {
            problems.Add("AWS endpoint override '" + endpointText + "' (from " + endpointVariable
                         + " or AWS_ENDPOINT_URL) is not an absolute http(s) URL; expected e.g. http://127.0.0.1:5000.");
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return new AwsClientSettings(service, region!, endpoint ?? service.DefaultEndpoint(region!), retry ?? new AwsRetryOptions())
        {
            EndpointOverridden = endpoint is not null,
        };
    }

    private static string? FirstSet(IReadOnlyDictionary<string, string> environment, params string[] names) =>
        names.Select(n => environment.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static bool TryParseEndpoint(string text, out Uri? endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint) && endpoint.Scheme is "http" or "https";
}
