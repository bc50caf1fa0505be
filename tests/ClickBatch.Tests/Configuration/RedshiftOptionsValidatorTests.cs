using ClickBatch.Configuration;

namespace ClickBatch.Tests.Configuration;

public class RedshiftOptionsValidatorTests
{
    [Fact]
    public void Validate_CompleteServerlessCheck_NoProblems()
    {
        OptionsValidator.Validate(WithRedshift(Serverless())).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_NoRedshiftSection_NoProblemsEvenWithoutGlue()
    {
        var options = WithRedshift(null);
        options.Catalog.GlueDatabase = null;

        OptionsValidator.Validate(options).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_EveryRedshiftSettingWrong_ReportsEveryProblemAtOnce()
    {
        var options = WithRedshift(new RedshiftOptions
        {
            ClusterIdentifier = "c1",
            WorkgroupName = "wg",
            IamRole = "spectrum-role",
            ExternalSchema = "Bad-Schema",
            StatementTimeout = TimeSpan.Zero,
        });
        options.Catalog.GlueDatabase = null;

        var problems = OptionsValidator.Validate(options);

        problems.Count.ShouldBe(7);
        problems.ShouldContain(p => p.Contains("no Glue database is set", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("database is empty", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("found both", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("needs a database user", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("found 'spectrum-role'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("found 'Bad-Schema'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("StatementTimeout", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/spectrum")]
    [InlineData("arn:aws-cn:iam::123456789012:role/service-role/clickbatch-spectrum")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f_g-h")]
    public void Validate_IamRoleArn_Accepted(string arn)
    {
        OptionsValidator.Validate(WithRedshift(Serverless(arn))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("default")]
    [InlineData("arn:aws:iam::123456789012:user/bob")]
    [InlineData("arn:aws:iam::12345:role/spectrum")]
    [InlineData("arn:aws:iam::123456789012:role/spectrum' OR 1=1")]
    [InlineData("arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b ")]
    public void Validate_NotASingleRoleArn_IsRefused(string arn)
    {
        OptionsValidator.Validate(WithRedshift(Serverless(arn))).ShouldHaveSingleItem().ShouldContain("IamRole");
    }

    [Fact]
    public void Validate_ClusterWithDbUser_NoProblems()
    {
        var redshift = Serverless();
        redshift.WorkgroupName = null;
        redshift.ClusterIdentifier = "analytics";
        redshift.DbUser = "clickbatch";

        OptionsValidator.Validate(WithRedshift(redshift)).ShouldBeEmpty();
    }

    private static RedshiftOptions Serverless(string role = "arn:aws:iam::123456789012:role/spectrum") => new()
    {
        WorkgroupName = "analytics",
        Database = "dev",
        IamRole = role,
    };

    private static ClickBatchOptions WithRedshift(RedshiftOptions? redshift)
    {
        var options = new ClickBatchOptions { Lake = "/tmp/lake" };
        options.Kafka.BootstrapServers = "127.0.0.1:9092";
        options.Catalog.GlueDatabase = "clickbatch";
        options.Catalog.Redshift = redshift;
        return options;
    }
}
