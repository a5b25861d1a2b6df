using System.Text;
using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>A plain secret's file: its value's UTF-8 bytes.</summary>
internal static class ValueFile
{
    /// <summary>A one-line value is masked whole, as a secret variable would be; a multi-line one line by line.</summary>
    public static FileContent From(FetchedSecret secret)
    {
        var text = secret.Value;
        IReadOnlyList<string> masks = SecretLines.IsMultiline(text) ? SecretLines.ToRegister(text) : text.Length > 0 ? [text] : [];
        return new FileContent(Encoding.UTF8.GetBytes(text), masks);
    }
}
