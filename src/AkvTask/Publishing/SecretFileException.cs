namespace AkvTask.Publishing;

/// <summary>A secret's file cannot be made from its value (e.g. a certificate without its private key); the message says why and what to do.</summary>
internal sealed class SecretFileException(string message) : Exception(message);
