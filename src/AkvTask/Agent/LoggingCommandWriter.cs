using System.Text;

namespace AkvTask.Agent;

/// <summary>
/// Everything the task says to the agent goes through here: logging commands, escaped so that no value can
/// end a command early or start a new one, and plain log lines, defused so that no text read from a server
/// can pass for a command. Each line goes out whole as soon as it is written: the agent shows a step's output as it
/// comes, and a step that is killed keeps what it said.
/// </summary>
internal sealed class LoggingCommandWriter(TextWriter output, bool debug)
{
    private readonly Lock _gate = new();

    public static LoggingCommandWriter ForStandardOutput(bool debug)
    {
        // Windows consoles default to a legacy code page; the agent reads the task's output as UTF-8.
        var stream = Console.OpenStandardOutput();
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16)
        {
            NewLine = "\n",
            AutoFlush = false,
        };
        return new LoggingCommandWriter(writer, debug);
    }

    public void SetVariable(string name, string value, bool isSecret, bool isOutput = false)
    {
        var properties = new List<(string, string)> { ("variable", name) };
        if (isSecret)
        {
            properties.Add(("issecret", "true"));
        }

        if (isOutput)
        {
            properties.Add(("isoutput", "true"));
        }

        Command("task.setvariable", properties, value);
    }

    public void SetSecret(string value) => Command("task.setsecret", [], value);

    /// <summary>A value for the later stages of this use of the task (the post-job stage reads it), not a job variable.</summary>
    public void SetTaskVariable(string name, string value) => Command("task.settaskvariable", [("variable", name)], value);

    public void Warning(string message) => Command("task.logissue", [("type", "warning")], message);

    public void Error(string message) => Command("task.logissue", [("type", "error")], message);

    public void UploadSummary(string path) => Command("task.uploadsummary", [], path);

    /// <summary>The step's progress in the web UI, 0 to 100, with what it is doing.</summary>
    public void Progress(int percent, string operation) =>
        Command("task.setprogress", [("value", Math.Clamp(percent, 0, 100).ToString(System.Globalization.CultureInfo.InvariantCulture))], operation);

    public void Complete(TaskResult result, string message) => Command("task.complete", [("result", result.ToString())], message);

    public void Debug(string message)
    {
        if (debug)
        {
            Command("task.debug", [], message);
        }
    }

    public void Info(string text)
    {
        lock (_gate)
        {
            foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
            {
                output.WriteLine(Defuse(line));
            }

            output.Flush();
        }
    }

    public void BeginGroup(string title) => Format("group", title);

    public void EndGroup() => Format("endgroup", string.Empty);

    /// <summary>
    /// The agent's escaping: percent first (so the later escapes are not themselves escaped), then the
    /// characters that end a line, a property or the command.
    /// </summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("%\r\n;]") < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var character in value)
        {
            switch (character)
            {
                case '%': escaped.Append("%AZP25"); break;
                case '\r': escaped.Append("%0D"); break;
                case '\n': escaped.Append("%0A"); break;
                case ';': escaped.Append("%3B"); break;
                case ']': escaped.Append("%5D"); break;
                default: escaped.Append(character); break;
            }
        }

        return escaped.ToString();
    }

    private void Command(string areaAndEvent, IEnumerable<(string Key, string Value)> properties, string data)
    {
        var line = new StringBuilder("##vso[").Append(areaAndEvent);
        var separator = ' ';
        foreach (var (key, value) in properties)
        {
            // No space after ';': the agent does not trim keys, so "; issecret" would be ignored.
            line.Append(separator).Append(key).Append('=').Append(Escape(value));
            separator = ';';
        }

        line.Append(']').Append(Escape(data));
        WriteLine(line.ToString());
    }

    private void Format(string command, string text) => WriteLine($"##[{command}]{Defuse(text.ReplaceLineEndings(" "))}");

    private void WriteLine(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>The agent runs a command found anywhere in a line; text from elsewhere must never trigger one.</summary>
    public static string Defuse(string line) =>
        line.Replace("##vso[", "##vso(", StringComparison.OrdinalIgnoreCase)
            .Replace("##[", "##(", StringComparison.Ordinal);
}
