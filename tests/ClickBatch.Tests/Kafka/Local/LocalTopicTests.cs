using ClickBatch.Kafka.Local;

namespace ClickBatch.Tests.Kafka.Local;

public sealed class LocalTopicTests
{
    [Fact]
    public void ParseList_ValidEntries_ReturnsTopicsInOrder()
    {
        var problems = new List<string>();

        var topics = LocalTopic.ParseList("clicks:6, checkouts:12,a.b_c-d:1", problems);

        problems.ShouldBeEmpty();
        topics.ShouldBe([new LocalTopic("clicks", 6), new LocalTopic("checkouts", 12), new LocalTopic("a.b_c-d", 1)]);
    }

    [Theory]
    [InlineData("clicks")]
    [InlineData("clicks:")]
    [InlineData("clicks:0")]
    [InlineData("clicks:-1")]
    [InlineData("clicks:1001")]
    [InlineData("clicks:six")]
    [InlineData("cl icks:6")]
    [InlineData("..:6")]
    [InlineData("a:1:2")]
    public void ParseList_MalformedEntry_ReportsItByName(string entry)
    {
        var problems = new List<string>();

        var topics = LocalTopic.ParseList(entry, problems);

        topics.ShouldBeEmpty();
        problems.Single().ShouldContain("'" + entry + "'");
    }

    [Fact]
    public void ParseList_SeveralMalformedEntries_ReportsEach()
    {
        var problems = new List<string>();

        var topics = LocalTopic.ParseList("a:0,b:2,c:x", problems);

        topics.ShouldBe([new LocalTopic("b", 2)]);
        problems.Count.ShouldBe(2);
    }

    [Fact]
    public void IsValidName_TooLong_IsFalse()
    {
        LocalTopic.IsValidName(new string('a', 249)).ShouldBeTrue();
        LocalTopic.IsValidName(new string('a', 250)).ShouldBeFalse();
    }
}
