using System.Text.RegularExpressions;
using ClickBatch.Aws;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// A moto_server that verifies SigV4 signatures (INITIAL_NO_AUTH_ACTION_COUNT): its first three actions create an
/// IAM user with an allow-all policy and an access key; every later request must be signed with that key, and
/// moto recomputes the signature with botocore's signer. An independent check of <see cref="SigV4Signer"/>.
/// </summary>
public sealed partial class SigningMotoServerFixture : MotoServerFixture
{
    protected override IReadOnlyDictionary<string, string> ServerEnvironment { get; } =
        new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var http = new HttpClient { BaseAddress = Endpoint };
        await IamAsync(http, ("Action", "CreateUser"), ("UserName", "clickbatch"));
        await IamAsync(http, ("Action", "PutUserPolicy"), ("UserName", "clickbatch"), ("PolicyName", "all"),
            ("PolicyDocument", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""));
        var key = await IamAsync(http, ("Action", "CreateAccessKey"), ("UserName", "clickbatch"));
        Credentials = new AwsCredentials(AccessKeyId().Match(key).Groups[1].Value, SecretAccessKey().Match(key).Groups[1].Value);
    }

    // Unauthenticated IAM query-protocol calls; the scope in the Authorization header only routes them to IAM.
    private static async Task<string> IamAsync(HttpClient http, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new FormUrlEncodedContent(fields.Append((Name: "Version", Value: "2010-05-08")).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=setup/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue("IAM " + fields[0].Value + " failed: " + body);
        return body;
    }

    [GeneratedRegex("<AccessKeyId>([^<]+)</AccessKeyId>")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex("<SecretAccessKey>([^<]+)</SecretAccessKey>")]
    private static partial Regex SecretAccessKey();
}
