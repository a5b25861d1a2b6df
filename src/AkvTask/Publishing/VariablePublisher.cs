using AkvTask.Agent;

namespace AkvTask.Publishing;

/// <summary>Sets each planned secret as a masked secret variable, under each of its names.</summary>
internal sealed class VariablePublisher(LoggingCommandWriter writer, PublishOptions options)
{
    public void Publish(VariablePlan plan)
    {
        foreach (var (secret, names) in plan.ToPublish)
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

        writer.Flush();
    }

    private void Set(string name, string value, bool multiline, bool isOutput)
    {
        if (!multiline)
        {
            writer.SetVariable(name, value, isSecret: true, isOutput);
            return;
        }

        // On for this one command only, then back to the job's own value (empty falls back to the agent's setting),
        // so no other step's secret is ever let through with a newline in it.
        writer.SetVariable(MultilineSwitch.Variable, "true", isSecret: false);
        writer.SetVariable(name, value, isSecret: true, isOutput);
        writer.SetVariable(MultilineSwitch.Variable, options.MultilineSwitch.JobValue ?? string.Empty, isSecret: false);
    }
}
