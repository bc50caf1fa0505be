using System.Reflection;
using ClickBatch.Errors;
using CommandLine;
using CommandLine.Text;

namespace ClickBatch.Cli;

/// <summary>Parses the command line, runs the chosen verb and turns failures into documented exit codes.</summary>
public static class ClickBatchCli
{
    private static readonly Type[] VerbTypes = typeof(IVerb).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<VerbAttribute>() is not null && typeof(IVerb).IsAssignableFrom(t))
        .OrderBy(t => t.GetCustomAttribute<VerbAttribute>()!.Name, StringComparer.Ordinal)
        .ToArray();

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        using var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
            // --version is the table verb's time-travel option; the tool's version is "clickbatch --version" (below).
            settings.AutoVersion = false;
        });
        if (args is ["--version"] or ["version"])
        {
            await context.Out.WriteLineAsync("clickbatch " + typeof(ClickBatchCli).Assembly.GetName().Version?.ToString(3)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (LogFormats.Extract(ref args) is { } format)
        {
            if (format.Problem is { } problem)
            {
                await context.Error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            context = context with { LogFormat = format.Format };
        }

        if (MissingValues(args) is { Count: > 0 } missing)
        {
            foreach (var option in missing)
            {
                await context.Error.WriteLineAsync("error: --" + option + " needs a value.").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'clickbatch " + args[0] + " --help' for the options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var parsed = parser.ParseArguments(args, VerbTypes);
        if (parsed is NotParsed<object> notParsed)
        {
            return WriteHelpOrErrors(notParsed, context, args);
        }

        using var shutdown = new ShutdownSignal();
        return await RunVerbAsync((IVerb)((Parsed<object>)parsed).Value, context, shutdown.Token).ConfigureAwait(false);
    }

    /// <summary>Runs one verb; a <see cref="ClickBatchException"/> becomes its exit code and a one-paragraph message.</summary>
    public static async Task<int> RunVerbAsync(IVerb verb, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await verb.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (ClickBatchException ex)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("stopped: interrupted by signal").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            // Never the runtime's abort (exit 134): a failure nothing translated still ends with exit 1 and its trace.
            await context.Error.WriteLineAsync("error: unexpected " + ex.GetType().Name + ": " + ex.Message + Environment.NewLine
                + "This is a ClickBatch bug or an unhandled environment failure; committed work is kept. Details:" + Environment.NewLine + ex)
                .ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static int WriteHelpOrErrors(NotParsed<object> notParsed, CliContext context, string[] args)
    {
        // "table describe --help" reaches the parser as a missing value, not as a help request.
        var isHelp = args.Any(IsHelpFlag) || notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError);
        if (!isHelp && args.Length > 0)
        {
            // The errors alone, not 50 lines of help around them: the user fixes them and asks --help if needed.
            var sentences = SentenceBuilder.Create();
            foreach (var error in notParsed.Errors)
            {
                context.Error.WriteLine("error: " + sentences.FormatError(error) + Suggestion(error, args));
            }

            var verb = notParsed.Errors.OfType<BadVerbSelectedError>().Any() || args.Length == 0 ? string.Empty : args[0] + " ";
            context.Error.WriteLine("Run 'clickbatch " + verb + "--help' for the options.");
            return ExitCodes.Usage;
        }

        var help = HelpText.AutoBuild(notParsed, h =>
        {
            h.Heading = "clickbatch " + typeof(ClickBatchCli).Assembly.GetName().Version?.ToString(3);
            h.Copyright = "Kafka to Delta Lake on S3, exactly once, with a Glue catalog for Redshift Spectrum.";
            h.AddPostOptionsLine(ExitCodeHelp);
            h.AdditionalNewLineAfterOption = false;
            h.AutoVersion = false;
            h.AddDashesToOption = true;
            h.MaximumDisplayWidth = 110;
            // An explicit --help after a verb's values ("table describe --help") reaches the parser as a missing value:
            // show the help alone, not that error above it.
            return isHelp ? h : HelpText.DefaultParsingErrorsHandler(notParsed, h);
        }, e => e, verbsIndex: true);
        // No verb at all: the verb list, as an error (a cron line missing its verb must not pass as success).
        (isHelp ? context.Out : context.Error).WriteLine(help);
        return isHelp ? ExitCodes.Success : ExitCodes.Usage;
    }

    /// <summary>
    /// Options that take a value but were given none (last on the line, or followed by another option). The parser
    /// drops such an option silently and the verb runs with its default: "vacuum --retain --dry-run" would have
    /// vacuumed with 7d instead of failing.
    /// </summary>
    private static List<string> MissingValues(string[] args)
    {
        var verb = args.Length == 0 ? null : VerbTypes.FirstOrDefault(t => t.GetCustomAttribute<VerbAttribute>()!.Name == args[0]);
        if (verb is null)
        {
            return [];
        }

        var valued = verb.GetProperties()
            .Select(p => (Option: p.GetCustomAttribute<OptionAttribute>(), p.PropertyType))
            .Where(o => o.Option?.LongName is { Length: > 0 } && o.PropertyType != typeof(bool))
            .Select(o => o.Option!.LongName).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && valued.Contains(args[i][2..])
                && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                missing.Add(args[i][2..]);
            }
        }

        return missing;
    }

    /// <summary>The nearest known flag or verb to a typo, as config keys get (issue 18): "--bootstrap-server": did you mean --bootstrap-servers?</summary>
    private static string Suggestion(Error error, string[] args)
    {
        var verb = args.Length == 0 ? null : VerbTypes.FirstOrDefault(t => t.GetCustomAttribute<VerbAttribute>()!.Name == args[0]);
        var near = error switch
        {
            UnknownOptionError unknown when verb is not null => Configuration.UnknownKeys.Nearest(unknown.Token, OptionNames(verb)) is { } option ? "--" + option : null,
            BadVerbSelectedError bad => Configuration.UnknownKeys.Nearest(bad.Token, VerbTypes.Where(t => !t.GetCustomAttribute<VerbAttribute>()!.Hidden)
                .Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name)) is { } name ? "'" + name + "'" : null,
            _ => null,
        };
        return near is null ? string.Empty : " Did you mean " + near + "?";
    }

    private static IEnumerable<string> OptionNames(Type verb) => verb.GetProperties()
        .Select(p => p.GetCustomAttribute<OptionAttribute>())
        .Where(o => o is { Hidden: false, LongName.Length: > 0 })
        .Select(o => o!.LongName)
        .Append(LogFormats.Flag);

    private static bool IsHelpFlag(string arg) => arg is "--help" or "-h" or "help";

    private const string ExitCodeHelp =
        "Exit codes: 0 success, 1 failure, 2 usage or configuration error, 3 data loss detected, "
        + "4 reject ratio exceeded, 5 conflicting writer, 6 committed but the Redshift Spectrum check failed, 130 interrupted."
        + " Every verb also takes --log-format text|json: how logs are written to stderr (default text when stderr is a terminal, JSON lines otherwise).";
}
