namespace AkvTask.Publishing;

/// <summary>What a secret's file will hold, and the text to register for masking before it exists.</summary>
/// <param name="Masks">Every maskable line of a text file, or the base64 form of a binary one.</param>
internal sealed record FileContent(byte[] Bytes, IReadOnlyList<string> Masks)
{
    /// <summary>Never the content: this may end up in a message.</summary>
    public override string ToString() => $"{Bytes.Length} bytes";
}
