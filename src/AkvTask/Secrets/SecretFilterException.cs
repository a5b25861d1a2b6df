namespace AkvTask.Secrets;

/// <summary>The SecretsFilter input breaks a rule of the filter language; found before any request is made.</summary>
internal sealed class SecretFilterException(string message) : Exception(message);
