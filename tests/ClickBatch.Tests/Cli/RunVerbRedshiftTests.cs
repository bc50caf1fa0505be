using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Errors;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

/// <summary>Catalog.Redshift from flags and CLICKBATCH_CATALOG__REDSHIFT__* variables into the run's settings.</summary>
public class RunVerbRedshiftTests
{
    private const string Role = "arn:aws:iam::123456789012:role/spectrum";

    [Fact]
    public void LoadOptions_RedshiftFlags_FreezeIntoTheCheckSettings()
    {
        var verb = new RunVerb
        {
            Lake = "/tmp/lake", BootstrapServers = "b:9092", GlueDatabase = "clickbatch",
            RedshiftWorkgroup = "analytics", RedshiftDatabase = "dev", RedshiftIamRole = Role, RedshiftSchema = "lake",
        };

        var check = RunSettingsFactory.Create(verb.LoadOptions(Context([]))).RedshiftCheck.ShouldNotBeNull();

        (check.Target.WorkgroupName, check.Target.Database, check.Target.ClusterIdentifier).ShouldBe(("analytics", "dev", null));
        check.IamRoleArn.ShouldBe(Role);
        check.ExternalSchema.ShouldBe("lake");
        check.StatementTimeout.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void LoadOptions_RedshiftEnvironment_BindsEveryKeyAndFlagsWin()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", GlueDatabase = "clickbatch", RedshiftDbUser = "flag_user" };
        var environment = new Dictionary<string, string>
        {
            ["CLICKBATCH_CATALOG__REDSHIFT__CLUSTERIDENTIFIER"] = "prod-cluster",
            ["CLICKBATCH_CATALOG__REDSHIFT__DATABASE"] = "analytics",
            ["CLICKBATCH_CATALOG__REDSHIFT__DBUSER"] = "env_user",
            ["CLICKBATCH_CATALOG__REDSHIFT__SECRETARN"] = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rs-AbCdEf",
            ["CLICKBATCH_CATALOG__REDSHIFT__IAMROLE"] = Role,
            ["CLICKBATCH_CATALOG__REDSHIFT__EXTERNALSCHEMA"] = "spectrum",
            ["CLICKBATCH_CATALOG__REDSHIFT__STATEMENTTIMEOUT"] = "00:00:45",
        };

        var check = RunSettingsFactory.Create(verb.LoadOptions(Context(environment))).RedshiftCheck.ShouldNotBeNull();

        check.Target.ShouldBe(new ClickBatch.Catalog.Redshift.RedshiftTarget
        {
            Database = "analytics",
            ClusterIdentifier = "prod-cluster",
            DbUser = "flag_user",
            SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rs-AbCdEf",
        });
        check.ExternalSchema.ShouldBe("spectrum");
        check.StatementTimeout.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void LoadOptions_NoRedshiftKey_TheCheckIsOff()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", GlueDatabase = "clickbatch" };

        RunSettingsFactory.Create(verb.LoadOptions(Context([]))).RedshiftCheck.ShouldBeNull();
    }

    [Fact]
    public void LoadOptions_RedshiftWithoutGlueDatabase_IsAConfigurationError()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", RedshiftWorkgroup = "wg", RedshiftDatabase = "dev", RedshiftIamRole = Role };

        var error = Should.Throw<ConfigurationException>(() => RunSettingsFactory.Create(verb.LoadOptions(Context([]))));

        error.Problems.ShouldHaveSingleItem().ShouldContain("no Glue database is set");
    }

    [Fact]
    public void LoadOptions_SkipRedshiftCheck_TurnsAnInvalidSectionOff()
    {
        var verb = new RunVerb { Lake = "/tmp/lake", BootstrapServers = "b:9092", RedshiftWorkgroup = "wg", SkipRedshiftCheck = true };

        RunSettingsFactory.Create(verb.LoadOptions(Context([]))).RedshiftCheck.ShouldBeNull();
    }

    private static CliContext Context(Dictionary<string, string> environment) =>
        new(TextWriter.Null, TextWriter.Null, new FakeTimeProvider(), environment, IsInteractive: false);
}
