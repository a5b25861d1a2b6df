namespace AkvTask.TestSupport.FakeAzure;

/// <summary>Where a fake vault lives and whom it trusts. The defaults are Azure's public cloud.</summary>
/// <param name="ClientAddress">The caller's public address as the vault reports it in firewall errors.</param>
public sealed record FakeVaultOptions(
    string DnsSuffix = "vault.azure.net",
    string AuthorityHost = "https://login.microsoftonline.com",
    string Resource = "https://vault.azure.net",
    string TenantId = FakeAzureHost.DefaultTenantId,
    string Location = "westeurope",
    string SubscriptionId = "00000000-1111-2222-3333-444444444444",
    string ResourceGroup = "rg-pipelines",
    string ClientAddress = "203.0.113.7")
{
    public static FakeVaultOptions AzureCloud { get; } = new();

    public static FakeVaultOptions AzureChinaCloud { get; } = new(
        DnsSuffix: "vault.azure.cn", AuthorityHost: "https://login.chinacloudapi.cn", Resource: "https://vault.azure.cn", Location: "chinanorth3");

    public static FakeVaultOptions AzureUSGovernment { get; } = new(
        DnsSuffix: "vault.usgovcloudapi.net", AuthorityHost: "https://login.microsoftonline.us", Resource: "https://vault.usgovcloudapi.net", Location: "usgovvirginia");
}
