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
            settings.AutoVersion = true;
        });
        var parsed = parser.ParseArguments(args, VerbTypes);
        if (parsed is NotParsed<object> notParsed)
        {
            return WriteHelpOrErrors(notParsed, context);
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

    private static int WriteHelpOrErrors(NotParsed<object> notParsed, CliContext context)
    {
        var isHelpOrVersion = notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError
            or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError);
        var help = HelpText.AutoBuild(notParsed, h =>
        {
            h.Heading = "clickbatch " + typeof(ClickBatchCli).Assembly.GetName().Version?.ToString(3);
            h.Copyright = "Kafka to Delta Lake on S3, exactly once, with a Glue catalog for Redshift Spectrum.";
            h.AddPostOptionsLine(ExitCodeHelp);
            h.AdditionalNewLineAfterOption = false;
            h.AddDashesToOption = true;
            h.MaximumDisplayWidth = 110;
            return HelpText.DefaultParsingErrorsHandler(notParsed, h);
        }, e => e, verbsIndex: true);
        (isHelpOrVersion ? context.Out : context.Error).WriteLine(help);
        return isHelpOrVersion ? ExitCodes.Success : ExitCodes.Usage;
    }

    private const string ExitCodeHelp =
        "Exit codes: 0 success, 1 failure, 2 usage or configuration error, 3 data loss detected, "
        + "4 reject ratio exceeded, 5 conflicting writer, 6 committed but the Redshift Spectrum check failed, 130 interrupted.";
}
