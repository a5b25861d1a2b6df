namespace AkvTask.Publishing;

/// <summary>What a secret's file holds.</summary>
internal enum SecretFileFormat
{
    /// <summary>The value's UTF-8 bytes, nothing added.</summary>
    Value,

    /// <summary>A Key Vault certificate as a password-less PKCS#12 file.</summary>
    Pfx,

    /// <summary>A Key Vault certificate as PEM: private key, certificate, chain.</summary>
    Pem,
}
