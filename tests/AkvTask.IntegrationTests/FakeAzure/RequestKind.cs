namespace AkvTask.IntegrationTests.FakeAzure;

public enum RequestKind
{
    Other,
    SecretList,
    SecretVersionList,
    SecretGet,
    Token,
    InstanceDiscovery,
    OpenIdConfiguration,
}
