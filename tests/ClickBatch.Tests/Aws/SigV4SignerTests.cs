using System.Net.Http.Headers;
using System.Text;
using ClickBatch.Aws;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Aws;

public sealed class SigV4SignerTests
{
    public static IEnumerable<object[]> Cases => SigV4TestCase.Names();

    [Fact]
    public void Suite_HasTheRepresentativeCases()
    {
        var names = Cases.Select(c => (string)c[0]).ToList();

        names.Count.ShouldBeGreaterThanOrEqualTo(20);
        names.ShouldContain("get-vanilla-query-order-key-case");
        names.ShouldContain("post-sts-header-before");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_AwsTestSuiteCase_MatchesCanonicalRequestStringToSignAndAuthorization(string name)
    {
        var testCase = SigV4TestCase.Load(name);
        var headers = testCase.Headers.ToList();
        if (testCase.Credentials.SessionToken is { } token && !headers.Any(h => h.Key.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("X-Amz-Security-Token", token));
        }

        var request = new SigV4Request(testCase.Method, testCase.Path_, testCase.Query, headers, testCase.PayloadHash);

        var signature = SigV4Signer.Sign(request, testCase.Credentials, testCase.Scope, testCase.Time);

        if (testCase.ExpectedCanonicalRequest is { } creq)
        {
            signature.CanonicalRequest.ShouldBe(creq);
        }

        if (testCase.ExpectedStringToSign is { } sts)
        {
            signature.StringToSign.ShouldBe(sts);
        }

        signature.Authorization.ShouldBe(testCase.ExpectedAuthorization);
    }

    [Theory]
    [InlineData("post-x-www-form-urlencoded")]
    [InlineData("get-vanilla-with-session-token")]
    [InlineData("get-vanilla-query-order-key-case")]
    public async Task SignAsync_HttpRequestMessage_SetsTheSuiteAuthorization(string name)
    {
        var testCase = SigV4TestCase.Load(name);
        using var request = ToHttpRequest(testCase);

        await SigV4Signer.SignAsync(request, testCase.Credentials, testCase.Scope, testCase.Time, includeContentSha256: false, CancellationToken.None);

        request.Headers.GetValues("Authorization").Single().ShouldBe(testCase.ExpectedAuthorization);
        request.Headers.GetValues("X-Amz-Date").Single().ShouldBe("20150830T123600Z");
        request.Headers.Contains("X-Amz-Security-Token").ShouldBe(testCase.Credentials.SessionToken is not null);
    }

    [Fact]
    public async Task SignAsync_PercentEncodedPath_IsEncodedAgainAsForEveryServiceButS3()
    {
        var testCase = SigV4TestCase.Load("get-utf8");
        using var request = ToHttpRequest(testCase);

        var signature = await SigV4Signer.SignAsync(request, testCase.Credentials, testCase.Scope, testCase.Time, false, CancellationToken.None);

        request.RequestUri!.AbsolutePath.ShouldBe("/%E1%88%B4");
        signature.CanonicalRequest.Split('\n')[1].ShouldBe("/%25E1%2588%25B4");
    }

    [Fact]
    public async Task SignAsync_ContentSha256Requested_SetsAndSignsThePayloadHash()
    {
        var testCase = SigV4TestCase.Load("post-x-www-form-urlencoded");
        using var request = ToHttpRequest(testCase);

        var signature = await SigV4Signer.SignAsync(request, testCase.Credentials, testCase.Scope, testCase.Time, includeContentSha256: true, CancellationToken.None);

        request.Headers.GetValues("X-Amz-Content-SHA256").Single().ShouldBe("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        signature.SignedHeaders.ShouldBe("content-type;host;x-amz-content-sha256;x-amz-date");
    }

    [Fact]
    public async Task SignAsync_SignedTwice_ReplacesTheFirstSignature()
    {
        var testCase = SigV4TestCase.Load("get-vanilla");
        using var request = ToHttpRequest(testCase);

        await SigV4Signer.SignAsync(request, testCase.Credentials, testCase.Scope, testCase.Time.AddMinutes(5), false, CancellationToken.None);
        await SigV4Signer.SignAsync(request, testCase.Credentials, testCase.Scope, testCase.Time, false, CancellationToken.None);

        request.Headers.GetValues("Authorization").Single().ShouldBe(testCase.ExpectedAuthorization);
        request.Headers.GetValues("X-Amz-Date").Single().ShouldBe("20150830T123600Z");
    }

    [Fact]
    public void Sign_DifferentSecret_ChangesTheSignatureOnly()
    {
        var testCase = SigV4TestCase.Load("get-vanilla");
        var request = new SigV4Request(testCase.Method, testCase.Path_, testCase.Query, testCase.Headers, testCase.PayloadHash);

        var signature = SigV4Signer.Sign(request, testCase.Credentials with { SecretAccessKey = "other" }, testCase.Scope, testCase.Time);

        signature.CanonicalRequest.ShouldBe(testCase.ExpectedCanonicalRequest);
        signature.Authorization.ShouldNotBe(testCase.ExpectedAuthorization);
    }

    [Fact]
    public void AwsCredentials_ToString_DoesNotShowSecrets()
    {
        var text = new AwsCredentials("AKID", "very-secret", "session-secret").ToString();

        text.ShouldContain("AKID");
        text.ShouldNotContain("very-secret");
        text.ShouldNotContain("session-secret");
    }

    private static HttpRequestMessage ToHttpRequest(SigV4TestCase testCase)
    {
        var request = new HttpRequestMessage(new HttpMethod(testCase.Method), new Uri("https://example.amazonaws.com" + testCase.Target));
        if (testCase.Body.Length > 0 || testCase.Headers.Any(h => h.Key == "Content-Type"))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(testCase.Body));
        }

        foreach (var (name, value) in testCase.Headers.Where(h => h.Key is not ("Host" or "X-Amz-Date")))
        {
            if (name == "Content-Type")
            {
                request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }
}
