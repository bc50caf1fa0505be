using ClickBatch.Errors;

namespace ClickBatch.Tests.Errors;

public class ConfigurationExceptionTests
{
    [Fact]
    public void Message_SeveralProblems_ListsEveryProblemAndMapsToUsageExit()
    {
        var ex = new ConfigurationException(["--lake is required", "--topics must not be empty"]);

        ex.Message.ShouldContain("2 problems");
        ex.Message.ShouldContain("  - --lake is required");
        ex.Message.ShouldContain("  - --topics must not be empty");
        ex.ExitCode.ShouldBe(ExitCodes.Usage);
    }
}
