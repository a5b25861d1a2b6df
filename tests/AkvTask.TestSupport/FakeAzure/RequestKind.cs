namespace AkvTask.TestSupport.FakeAzure;

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
