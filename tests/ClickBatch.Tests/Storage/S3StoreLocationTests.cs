using ClickBatch.Errors;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Storage;

public sealed class S3StoreLocationTests
{
    [Theory]
    [InlineData("s3://lake-bucket", "lake-bucket", "")]
    [InlineData("s3://lake-bucket/", "lake-bucket", "")]
    [InlineData("s3://lake-bucket/prod/clicks", "lake-bucket", "prod/clicks/")]
    [InlineData("s3://lake-bucket/prod/clicks/", "lake-bucket", "prod/clicks/")]
    public void Parse_S3Uri_SplitsBucketAndPrefix(string uri, string bucket, string prefix)
    {
        var location = S3StoreLocation.Parse(uri);

        location.Bucket.ShouldBe(bucket);
        location.Prefix.ShouldBe(prefix);
    }

    [Theory]
    [InlineData("https://lake-bucket/x")]
    [InlineData("s3:///x")]
    [InlineData("lake-bucket/x")]
    public void Parse_NotAnS3Uri_ThrowsConfigurationException(string uri)
    {
        Should.Throw<ConfigurationException>(() => S3StoreLocation.Parse(uri)).Message.ShouldContain(uri);
    }

    [Fact]
    public void KeyOfAndRelativeKey_UnderPrefix_RoundTrip()
    {
        var location = S3StoreLocation.Parse("s3://b/prod/clicks");

        location.KeyOf("_delta_log/0.json").ShouldBe("prod/clicks/_delta_log/0.json");
        location.RelativeKey("prod/clicks/_delta_log/0.json").ShouldBe("_delta_log/0.json");
        location.RootUri.AbsoluteUri.ShouldBe("s3://b/prod/clicks/");
    }

    [Fact]
    public void ObjectStoreFactory_S3UriWithoutEnvironment_RefusesClearly()
    {
        Should.Throw<ConfigurationException>(() => ObjectStoreFactory.Create("s3://b/x")).Message.ShouldContain("s3://b/x");
    }

    [Fact]
    public void ObjectStoreFactory_S3UriWithoutRegion_ReportsTheMissingRegion()
    {
        var error = Should.Throw<ConfigurationException>(() => ObjectStoreFactory.Create("s3://lake-bucket/x", new Dictionary<string, string>(), TimeProvider.System));

        error.Message.ShouldContain("AWS_REGION");
    }
}
