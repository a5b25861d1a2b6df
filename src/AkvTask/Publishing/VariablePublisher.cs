using AkvTask.Agent;

namespace AkvTask.Publishing;

/// <summary>Sets each planned secret as a masked secret variable, under each of its names.</summary>
internal sealed class VariablePublisher(LoggingCommandWriter writer, PublishOptions options)
{
    public void Publish(PublishPlan plan)
    {
        foreach (var (secret, names) in plan.SecretsToSet)
        {
            var multiline = SecretLines.IsMultiline(secret.Value);
            if (multiline)
            {
                foreach (var line in SecretLines.ToRegister(secret.Value))
                {
                    writer.SetSecret(line);
                }
            }

            foreach (var name in names)
            {
                Set(name, secret.Value, multiline, isOutput: false);
                if (options.OutputVariables)
                {
                    Set(name, secret.Value, multiline, isOutput: true);
                }
            }
        }
    }

    private void Set(string name, string value, bool multiline, bool isOutput)
    {
        var multilineSwitch = options.MultilineSwitch;
        if (!multiline || multilineSwitch.IsOn)
        {
            writer.SetVariable(name, value, isSecret: true, isOutput);
            return;
        }

        // On for this one command only, then back to exactly the job's own value (none: empty, which falls back to the
        // agent's setting), so no other step's secret is ever let through with a newline in it. A secret switch stays
        // secret, and the agent masks what it is set to: an odd spelling of true masks nothing anyone writes.
        writer.SetVariable(MultilineSwitch.Variable, multilineSwitch.IsSecret ? "tRUE" : "true", isSecret: multilineSwitch.IsSecret);
        writer.SetVariable(name, value, isSecret: true, isOutput);
        writer.SetVariable(MultilineSwitch.Variable, multilineSwitch.JobValue ?? string.Empty, isSecret: multilineSwitch.IsSecret);
    }
}
