using ClickBatch.Aws;
using ClickBatch.Errors;

namespace ClickBatch.Tests.Aws;

public sealed class AwsClientSettingsTests
{
    [Fact]
    public void FromEnvironment_RegionOnly_UsesThePublicEndpoint()
    {
        var settings = AwsClientSettings.FromEnvironment(Env(("AWS_REGION", "eu-west-1")), AwsService.Glue);

        settings.Region.ShouldBe("eu-west-1");
        settings.Endpoint.ShouldBe(new Uri("https://glue.eu-west-1.amazonaws.com"));
    }

    [Fact]
    public void FromEnvironment_BothRegionVariables_PrefersAwsRegion()
    {
        var settings = AwsClientSettings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "us-west-2"), ("AWS_REGION", "eu-central-1")), AwsService.RedshiftData);

        settings.Region.ShouldBe("eu-central-1");
        settings.Endpoint.ShouldBe(new Uri("https://redshift-data.eu-central-1.amazonaws.com"));
    }

    [Fact]
    public void FromEnvironment_OnlyDefaultRegion_UsesIt()
    {
        AwsClientSettings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "us-west-2")), AwsService.Glue).Region.ShouldBe("us-west-2");
    }

    [Fact]
    public void FromEnvironment_ServiceEndpointAndGenericEndpoint_PrefersTheServiceOne()
    {
        var environment = Env(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL_REDSHIFT_DATA", "http://127.0.0.1:2"));

        AwsClientSettings.FromEnvironment(environment, AwsService.RedshiftData).Endpoint.ShouldBe(new Uri("http://127.0.0.1:2"));
        AwsClientSettings.FromEnvironment(environment, AwsService.Glue).Endpoint.ShouldBe(new Uri("http://127.0.0.1:1"));
    }

    [Fact]
    public void FromEnvironment_NoRegionAndBadEndpoint_ReportsBothProblems()
    {
        var error = Should.Throw<ConfigurationException>(() => AwsClientSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL_GLUE", "not a url")), AwsService.Glue));

        error.Problems.Count.ShouldBe(2);
        error.Problems[0].ShouldContain("AWS_REGION");
        error.Problems[1].ShouldContain("not a url");
    }

    [Fact]
    public void DefaultEndpoint_ChinaRegion_UsesTheChinaDomain()
    {
        AwsService.Glue.DefaultEndpoint("cn-north-1").ShouldBe(new Uri("https://glue.cn-north-1.amazonaws.com.cn"));
    }

    [Theory]
    [InlineData("EntityNotFoundException", "EntityNotFoundException")]
    [InlineData("com.amazonaws.glue#EntityNotFoundException", "EntityNotFoundException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "ValidationException")]
    [InlineData("aws.protocoltests#FooError:http://internal", "FooError")]
    public void CleanCode_AwsTypeForms_TakesTheBareCode(string type, string expected)
    {
        AwsErrorReader.CleanCode(type).ShouldBe(expected);
    }

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
