using ClickBatch.Kafka;

namespace ClickBatch.Tests.Kafka;

public sealed class PartitionAssignmentTests
{
    [Theory]
    [InlineData(null, null, "all")]
    [InlineData("group", null, "group")]
    [InlineData(" Group ", "", "group")]
    [InlineData(null, "2/3", "shard 2/3")]
    [InlineData("all", "0/1", "shard 0/1")]
    public void Parse_ValidFlags_GivesTheAssignment(string? assignment, string? shard, string expected)
    {
        var problems = new List<string>();

        var parsed = PartitionAssignment.Parse(assignment, shard, problems);

        problems.ShouldBeEmpty();
        parsed.ShouldNotBeNull().ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("groups", null, "--assignment is 'groups'")]
    [InlineData(null, "3/3", "--shard is '3/3'")]
    [InlineData(null, "1/0", "--shard is '1/0'")]
    [InlineData(null, "-1/2", "--shard is '-1/2'")]
    [InlineData(null, "1", "--shard is '1'")]
    [InlineData("group", "0/2", "give one of them")]
    public void Parse_BadFlags_SaysWhatIsWrong(string? assignment, string? shard, string problem)
    {
        var problems = new List<string>();

        PartitionAssignment.Parse(assignment, shard, problems).ShouldBeNull();

        problems.ShouldHaveSingleItem().ShouldContain(problem);
    }

    [Fact]
    public void Includes_Shard_TakesEveryNthPartitionFromK()
    {
        var shard = new PartitionAssignment(AssignmentMode.Shard, 1, 3);

        Enumerable.Range(0, 8).Where(shard.Includes).ShouldBe([1, 4, 7]);
        Enumerable.Range(0, 3).All(PartitionAssignment.All.Includes).ShouldBeTrue();
    }
}
