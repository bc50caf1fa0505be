using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Jobs.Schema;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Decoding;

/// <summary>Issue 17, optional part: a schema inferred from a sample is one the configuration accepts, and leaves out what no column takes.</summary>
public sealed class SchemaInferenceTests
{
    [Fact]
    public void Result_MixedSample_TypesEachPropertyStrictlyAndSaysWhatItLeftOut()
    {
        var inference = new SchemaInference();
        string[] sample =
        [
            """{"id":"a","n":1,"price":1.5,"ok":true,"at":"2026-11-22T10:00:00Z","day":"2026-11-22","tags":["x"],"gone":null,"mixed":1,"_kafka_offset":1,"Id":"z","o\u0074her":"t","":1,"nb\u00a0":"v"}""",
            """{"id":"b","n":9007199254740993,"price":2,"ok":false,"at":"2026-11-22 10:00:00","day":"2026-11-23","tags":[],"gone":null,"mixed":"1"}""",
            """[1,2]""",
            """{"id":"c","n":null}""",
        ];
        foreach (var value in sample)
        {
            inference.Add(Encoding.UTF8.GetBytes(value));
        }

        var result = inference.Result();

        result.Definition.ShouldBe("id:string,n:long,price:double,ok:boolean,at:timestamp,day:date,other:string");
        result.EventTimeField.ShouldBe("at");
        result.Samples.ShouldBe(4);
        result.NotObjects.ShouldBe(1);
        result.LeftOut.Select(l => l[..(l.IndexOf("':", StringComparison.Ordinal) + 1)]).ShouldBe(["'tags'", "'gone'", "'mixed'", "'_kafka_offset'", "'Id'", "''", "'nb\u00a0'"]);
        var schema = SchemaParser.Parse("events", result.Definition, result.EventTimeField);
        schema.Fields.ShouldAllBe(f => !f.Required);
    }

    /// <summary>The entry schema infer prints for a topic without timestamps (kafka-dt, no event-time field) is one run accepts.</summary>
    [Fact]
    public void RunSettings_InferredEntryWithoutATimestamp_IsAccepted()
    {
        var options = new ClickBatch.Configuration.ClickBatchOptions
        {
            Lake = "/tmp/lake",
            Kafka = new ClickBatch.Configuration.KafkaOptions { BootstrapServers = "b:9092" },
            Topics = [new ClickBatch.Configuration.TopicOptions { Name = "events", Schema = "id:string,n:long", Partitioning = "kafka-dt" }],
        };

        var settings = ClickBatch.Configuration.RunSettingsFactory.Create(options);

        settings.Topics.Single().Schema.EventTimeField.ShouldBeNull();
    }

    [Fact]
    public async Task InferAsync_GeneratedClicks_InfersTheFieldsTheGeneratorWritesFromTheNewestRecords()
    {
        var clicks = ClickEvents.Generate(300).Select(c => Encoding.UTF8.GetString(ClickEvents.ToRecord(c).Value!.Value.Span)).ToList();
        var source = new FakeKafkaSource()
            .WithPayloads("clicks", 0, ["not json", .. clicks.Take(150)])
            .WithPayloads("clicks", 1, clicks.Skip(150));

        var result = await new SchemaInferJob(source).InferAsync("clicks", sample: 100, CancellationToken.None);

        result.Samples.ShouldBe(100, "50 of each partition, the newest");
        result.NotObjects.ShouldBe(0, "the oldest record of partition 0 is outside the sample");
        result.Fields.ShouldContain(("click_id", "string"));
        result.Fields.ShouldContain(("user_id", "long"));
        result.Fields.ShouldContain(("datetime_occured", "timestamp"));
        result.EventTimeField.ShouldBe("datetime_occured");
        SchemaParser.Parse("clicks", result.Definition, result.EventTimeField).Fields.Count.ShouldBe(result.Fields.Count);
    }
}
