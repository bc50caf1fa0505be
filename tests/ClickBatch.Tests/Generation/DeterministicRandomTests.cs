using ClickBatch.Generation;

namespace ClickBatch.Tests.Generation;

public class DeterministicRandomTests
{
    [Fact]
    public void Reseed_SameSeed_RestartsTheSameSequence()
    {
        var random = new DeterministicRandom(99);
        var first = Enumerable.Range(0, 8).Select(_ => random.NextUInt64()).ToArray();

        random.Reseed(99);

        Enumerable.Range(0, 8).Select(_ => random.NextUInt64()).ShouldBe(first);
        new DeterministicRandom(100).NextUInt64().ShouldNotBe(first[0]);
    }

    [Fact]
    public void Next_Bound_StaysInRangeAndReachesBothEnds()
    {
        var random = new DeterministicRandom(1);
        var values = Enumerable.Range(0, 10_000).Select(_ => random.Next(3, 7)).ToList();

        values.ShouldAllBe(v => v >= 3 && v < 7);
        values.Distinct().Order().ShouldBe([3, 4, 5, 6]);
    }

    [Fact]
    public void NextGuid_Always_IsVersion4Variant1()
    {
        var random = new DeterministicRandom(5);

        for (var i = 0; i < 100; i++)
        {
            var text = random.NextGuid().ToString("D");
            text[14].ShouldBe('4');
            "89ab".ShouldContain(text[19]);
        }
    }
}
