using System.Text;
using AkvTask.Agent;

namespace AkvTask.Outcome;

/// <summary>
/// The markdown shown on the run's summary page: what was set, skipped and failed, and how long it took.
/// Names, versions, dates and messages only; never a value.
/// </summary>
internal static class RunSummary
{
    public static string Render(RunOutcome outcome, string vaultHost, ServiceConnection connection, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Key Vault secrets: {Cell(vaultHost)}").AppendLine();
        text.AppendLine($"**{outcome.Result}**: {Cell(outcome.Summary)}").AppendLine();
        text.AppendLine($"Service connection `{Cell(connection.Id)}` ({Cell(connection.Scheme)}), {elapsed.TotalSeconds:0.00} s.").AppendLine();

        if (outcome.Published.Count > 0)
        {
            text.AppendLine("| Secret | Variables | Version | Content type | Expires |").AppendLine("|---|---|---|---|---|");
            foreach (var (secret, names) in outcome.Published)
            {
                text.AppendLine(
                    $"| {Cell(secret.Name)} | {string.Join(", ", names.Select(n => $"`$({Cell(n)})`"))} | {Cell(secret.Version)} | " +
                    $"{Cell(secret.ContentType)} | {(secret.ExpiresOn is { } e ? $"{e:yyyy-MM-dd}" : "")} |");
            }

            text.AppendLine();
        }

        if (outcome.Files.Count > 0)
        {
            text.AppendLine("| File | Secret | Content | Path variables |").AppendLine("|---|---|---|---|");
            foreach (var file in outcome.Files)
            {
                text.AppendLine(
                    $"| {Cell(file.FileName)} | {Cell(file.Secret.Name)} | {file.Format.Description} | " +
                    $"{string.Join(", ", file.PathVariables.Select(n => $"`$({Cell(n)})`"))} |");
            }

            text.AppendLine();
        }

        Section(text, "Skipped", outcome.Skipped.Select(s => (s.Name, s.Reason)));
        Section(text, "Warnings", outcome.Warnings.Select(w => (w.Subject, w.Message)));
        Section(text, "Failed", outcome.Errors.Select(e => (e.Subject, e.Message)));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<(string Subject, string Message)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.AppendLine($"#### {title}").AppendLine().AppendLine("| | |").AppendLine("|---|---|");
        foreach (var (subject, message) in list)
        {
            text.AppendLine($"| {Cell(subject)} | {Cell(message)} |");
        }

        text.AppendLine();
    }

    /// <summary>Text from the vault (content types, server messages) must not break the table or the page.</summary>
    private static string Cell(string? text) => (text ?? "")
        .ReplaceLineEndings(" ")
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("`", "'", StringComparison.Ordinal);
}
