namespace AkvTask.TestSupport.FakeAzure;

[Flags]
public enum VaultOperation
{
    None = 0,
    List = 1,
    Get = 2,
    All = List | Get,
}
