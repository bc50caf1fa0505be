using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Storage;

namespace ClickBatch.Tests.Storage;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("/var/lake")]
    [InlineData("lake")]
    [InlineData("./lake")]
    [InlineData("./s3:/bucket")]
    [InlineData("C:/lake")]
    [InlineData("file:///var/lake")]
    [InlineData("s3://lake-bucket")]
    [InlineData("s3://lake-bucket/")]
    [InlineData("s3://lake.bucket-1/prod/clicks")]
    public void Problem_OpenableLocation_IsNull(string location) => StoreLocation.Problem(location).ShouldBeNull();

    [Theory]
    [InlineData("s3:/bucket/prefix", "looks like a URI")]
    [InlineData("s3:bucket", "looks like a URI")]
    [InlineData("s3a://bucket/prefix", "looks like a URI")]
    [InlineData("https://bucket/prefix", "looks like a URI")]
    [InlineData("s3://", "names no bucket")]
    [InlineData("s3:///prefix", "names no bucket")]
    [InlineData("s3://Lake_Bucket/prefix", "not a valid S3 bucket name")]
    [InlineData("s3://ab/prefix", "not a valid S3 bucket name")]
    [InlineData("s3://lake..bucket", "not a valid S3 bucket name")]
    [InlineData("file://", "not a valid file URI")]
    [InlineData(" ", "empty")]
    public void Problem_MistypedLocation_SaysWhatIsWrong(string location, string expected) =>
        StoreLocation.Problem(location).ShouldNotBeNull().ShouldContain(expected);

    [Theory]
    [InlineData("s3:/bucket/prefix")]
    [InlineData("s3://")]
    public void ObjectStoreFactory_MistypedS3Location_RefusesInsteadOfOpeningALocalFolder(string location)
    {
        Should.Throw<ConfigurationException>(() => ObjectStoreFactory.Create(location));
        Should.Throw<ConfigurationException>(() => ObjectStoreFactory.Create(location, new Dictionary<string, string>(), TimeProvider.System));
    }

    [Theory]
    [InlineData("run", "s3:/bucket-one/prefix")]
    [InlineData("run", "s3://")]
    [InlineData("optimize", "s3:/bucket-one/prefix")]
    [InlineData("vacuum", "s3:/bucket-one/prefix")]
    [InlineData("register", "s3:/bucket-one/prefix")]
    public async Task Cli_MistypedS3Lake_ExitsUsageAndCreatesNoLocalFolder(string verb, string lake)
    {
        var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, TimeProvider.System, new Dictionary<string, string>(), IsInteractive: false);
        string[] args = verb == "register"
            ? [verb, "--lake", lake, "--glue-database", "db"]
            : [verb, "--lake", lake, "--bootstrap-servers", "127.0.0.1:1"];
        if (verb is "optimize" or "vacuum")
        {
            args = [verb, "--lake", lake];
        }

        var exit = await ClickBatchCli.RunAsync(args, context);

        exit.ShouldBe(ExitCodes.Usage, error.ToString());
        error.ToString().ShouldContain(lake);
        Directory.Exists(Path.GetFullPath("s3:")).ShouldBeFalse();
    }
}
