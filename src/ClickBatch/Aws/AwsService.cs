namespace ClickBatch.Aws;

/// <summary>
/// How to reach one AWS JSON 1.1 service: its SigV4 signing name, its X-Amz-Target prefix, the host prefix of
/// its public endpoint and the suffix of its AWS_ENDPOINT_URL_&lt;SERVICE&gt; override variable.
/// </summary>
public sealed record AwsService(string SigningName, string TargetPrefix, string EndpointPrefix, string EnvironmentSuffix)
{
    public static AwsService Glue { get; } = new("glue", "AWSGlue", "glue", "GLUE");

    /// <summary>S3 is called through AWSSDK.S3; listed for its endpoint variable (AWS_ENDPOINT_URL_S3) and signing name.</summary>
    public static AwsService S3 { get; } = new("s3", string.Empty, "s3", "S3");

    public static AwsService RedshiftData { get; } = new("redshift-data", "RedshiftData", "redshift-data", "REDSHIFT_DATA");

    /// <summary>The public endpoint in a region, e.g. https://glue.eu-west-1.amazonaws.com.</summary>
    public Uri DefaultEndpoint(string region)
    {
        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri("https://" + EndpointPrefix + "." + region + "." + domain);
    }
}
