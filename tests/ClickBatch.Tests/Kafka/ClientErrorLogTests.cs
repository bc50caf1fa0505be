using ClickBatch.Kafka;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Kafka;

public class ClientErrorLogTests
{
    [Fact]
    public void Report_SameErrorManyTimes_LogsTheFirstThenOnePerWindowWithTheCountOfTheOthers()
    {
        var clock = new FakeTimeProvider();
        var logger = new CapturingLogger();
        var log = new ClientErrorLog(logger, clock);

        for (var i = 0; i < 500; i++)
        {
            log.Report("Local_Transport", $"127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after {i % 7}ms in state CONNECT)");
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        log.Report("Local_AllBrokersDown", "1/1 brokers are down");

        // 500 reports 100 ms apart span 50 s: one window, so one line for them, and one for the other error.
        logger.Lines.Count.ShouldBe(2);
        logger.Lines[0].ShouldStartWith("Kafka client error Local_Transport: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed");
        logger.Lines[1].ShouldBe("Kafka client error Local_AllBrokersDown: 1/1 brokers are down");

        clock.Advance(TimeSpan.FromSeconds(11));
        log.Report("Local_Transport", "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 3ms in state CONNECT)");

        logger.Lines.Count.ShouldBe(3);
        logger.Lines[2].ShouldEndWith("(and 499 times more within 60 s before this, not logged)");
    }
}
