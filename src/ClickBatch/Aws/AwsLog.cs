using Microsoft.Extensions.Logging;

namespace ClickBatch.Aws;

/// <summary>Log events of the AWS clients (event ids 5000-5099). Never logs request or response bodies.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "{Service} {Operation} failed ({Reason}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string service, string operation, string reason, int attempt, long delayMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug,
        Message = "{Service} {Operation} answered HTTP {Status} in {ElapsedMs} ms")]
    public static partial void Called(ILogger logger, string service, string operation, int status, long elapsedMs);
}
