using Microsoft.Extensions.Logging;

namespace ClickBatch.Diagnostics;

/// <summary>
/// Logging for every command: human-readable on a terminal, JSON lines otherwise (ECS ships stderr to
/// CloudWatch). Always on stderr: stdout is for results (<c>--json</c>, <c>bootstrap.servers=...</c>).
/// </summary>
public static class LoggingSetup
{
    public static ILoggerFactory Create(bool interactive, LogLevel minimum)
    {
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(minimum);
            builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            if (interactive)
            {
                builder.AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                    o.UseUtcTimestamp = true;
                });
            }
            else
            {
                builder.AddJsonConsole(o =>
                {
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                    o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
                });
            }
        });
    }
}
