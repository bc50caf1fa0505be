namespace ClickBatch.IntegrationTests.Support;

/// <summary>Tests against the signature-verifying moto_server.</summary>
[CollectionDefinition(Name)]
public sealed class SigningMotoCollection : ICollectionFixture<SigningMotoServerFixture>
{
    public const string Name = "moto-signing";
}
