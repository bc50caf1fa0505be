namespace ClickBatch.Errors;

/// <summary>Bad options or configuration. Lists every problem found, so a user fixes them in one go.</summary>
public sealed class ConfigurationException : ClickBatchException
{
    public ConfigurationException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    public ConfigurationException(string problem)
        : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; }

    public override int ExitCode => ExitCodes.Usage;

    private static string Format(IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? "Invalid configuration: " + problems[0]
            : "Invalid configuration (" + problems.Count + " problems):" + Environment.NewLine
              + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
