namespace AkvTask.TestSupport.AgentOutput;

/// <summary>
/// What the agent makes of a task's output, following the agent's own rules: lines split on CRLF, LF and CR;
/// a command is "##vso[" anywhere in a line up to the first ']'; properties split on ';' and '=' with keys
/// untrimmed; '%3B', '%0D', '%0A', '%5D' then '%AZP25' decoded; a secret holding the agent OS's newline is
/// refused unless SYSTEM_UNSAFEALLOWMULTILINESECRET is true (true or 1, any case) at that moment.
/// </summary>
public sealed class AgentLog
{
    private const string Prefix = "##vso[";
    private const string MultilineSwitch = "SYSTEM_UNSAFEALLOWMULTILINESECRET";

    private readonly Dictionary<string, PipelineVariable> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PipelineVariable> _outputs = new(StringComparer.OrdinalIgnoreCase);

    private AgentLog()
    {
    }

    public IReadOnlyList<LoggingCommand> Commands { get; private set; } = [];

    /// <summary>Lines that are not commands, as they would appear in the job's log (before masking).</summary>
    public IReadOnlyList<string> PlainLines { get; private set; } = [];

    /// <summary>Values registered for masking: every secret variable's value and every task.setsecret.</summary>
    public IReadOnlyList<string> MaskedValues { get; private set; } = [];

    /// <summary>Commands the agent would refuse, with its reason.</summary>
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>Names of secret variables that were set while the multi-line switch was on.</summary>
    public IReadOnlyList<string> SetWhileMultilineAllowed { get; private set; } = [];

    /// <summary>The switch's job value after the last command; null if the task never touched it.</summary>
    public string? FinalMultilineSwitch { get; private set; }

    public IReadOnlyDictionary<string, PipelineVariable> Variables => _variables;

    /// <summary>Output variables, by name (the agent prefixes them with the step's reference name).</summary>
    public IReadOnlyDictionary<string, PipelineVariable> OutputVariables => _outputs;

    public string? Result => Commands.LastOrDefault(c => c.Area == "task" && c.Event == "complete")?.Property("result");

    public string? ResultMessage => Commands.LastOrDefault(c => c.Area == "task" && c.Event == "complete")?.Data;

    public IEnumerable<string> Errors => Issues("error");

    public IEnumerable<string> Warnings => Issues("warning");

    /// <summary>
    /// Everything a reader of the log could see in the clear: plain lines and the data of every command
    /// except the ones that carry secrets.
    /// </summary>
    public IEnumerable<string> VisibleText => PlainLines.Concat(Commands
        .Where(c => !(c.Area == "task" && (c.Event == "setsecret" || (c.Event == "setvariable" && c.Flag("issecret")))))
        .SelectMany(c => c.Properties.Values.Append(c.Data)));

    public static AgentLog Parse(string output, string agentNewLine = "\n", string? jobMultilineSetting = null)
    {
        var log = new AgentLog();
        var commands = new List<LoggingCommand>();
        var plain = new List<string>();
        var masked = new List<string>();
        var refusals = new List<string>();
        var whileAllowed = new List<string>();
        var multilineSwitch = jobMultilineSetting;
        var touched = false;

        foreach (var line in output.Split(["\r\n", "\n", "\r"], StringSplitOptions.None))
        {
            if (!TryParseCommand(line, out var command))
            {
                plain.Add(line);
                continue;
            }

            commands.Add(command);
            if (command is not { Area: "task" })
            {
                continue;
            }

            if (command.Event == "setsecret" && command.Data.Length > 0)
            {
                masked.Add(command.Data);
            }
            else if (command.Event == "setvariable" && command.Property("variable") is { Length: > 0 } name)
            {
                var isSecret = command.Flag("issecret");
                var allowed = string.Equals(multilineSwitch, "true", StringComparison.OrdinalIgnoreCase) || multilineSwitch == "1";
                if (isSecret && command.Data.Contains(agentNewLine) && !allowed)
                {
                    refusals.Add($"Secrets cannot contain multiple lines: {name}");
                    continue;
                }

                if (isSecret && allowed)
                {
                    whileAllowed.Add(name);
                }

                if (name.Equals(MultilineSwitch, StringComparison.OrdinalIgnoreCase))
                {
                    multilineSwitch = command.Data;
                    touched = true;
                }

                if (isSecret && command.Data.Length > 0)
                {
                    masked.Add(command.Data);
                }

                var variable = new PipelineVariable(name, command.Data, isSecret, command.Flag("isoutput"));
                (variable.IsOutput ? log._outputs : log._variables)[name] = variable;
            }
        }

        log.Commands = commands;
        log.PlainLines = plain;
        log.MaskedValues = masked;
        log.Refusals = refusals;
        log.SetWhileMultilineAllowed = whileAllowed;
        log.FinalMultilineSwitch = touched ? multilineSwitch : null;
        return log;
    }

    /// <summary>The agent's command syntax, kept as loose as the agent is: anything it would run counts.</summary>
    public static bool TryParseCommand(string line, out LoggingCommand command)
    {
        command = null!;
        var start = line.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return false;
        }

        var end = line.IndexOf(']', start);
        if (end < 0)
        {
            return false;
        }

        var info = line[(start + Prefix.Length)..end];
        var space = info.IndexOf(' ');
        var areaEvent = space < 0 ? info : info[..space];
        var dot = areaEvent.IndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space >= 0)
        {
            foreach (var pair in info[(space + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    properties[pair[..equals]] = Unescape(pair[(equals + 1)..]);
                }
            }
        }

        command = new LoggingCommand(
            areaEvent[..dot].ToLowerInvariant(), areaEvent[(dot + 1)..].ToLowerInvariant(), properties, Unescape(line[(end + 1)..]));
        return true;
    }

    public static string Unescape(string escaped) => escaped
        .Replace("%3B", ";", StringComparison.Ordinal)
        .Replace("%0D", "\r", StringComparison.Ordinal)
        .Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%5D", "]", StringComparison.Ordinal)
        .Replace("%AZP25", "%", StringComparison.Ordinal);

    private IEnumerable<string> Issues(string type) => Commands
        .Where(c => c.Area == "task" && c.Event == "logissue" && string.Equals(c.Property("type"), type, StringComparison.OrdinalIgnoreCase))
        .Select(c => c.Data);
}
