namespace ClickBatch.IntegrationTests.Support;

/// <summary>Tests that share one moto_server. Each uses its own database, table and bucket names.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto";
}
