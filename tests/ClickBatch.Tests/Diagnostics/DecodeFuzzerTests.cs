using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Diagnostics.Fuzzing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Diagnostics;

/// <summary>
/// The decoder against mutated generated events (issue 13 item 1): every case decoded or rejected, never thrown,
/// never caught only by the safety net, and each result checked by <see cref="DecodeOracle"/>. Millions of cases:
/// scripts/fuzz-decode.sh.
/// </summary>
public class DecodeFuzzerTests
{
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> Seeds = new(() => FuzzSeeds.Generate(300, 7));

    private static readonly DateTimeOffset IngestedAt = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Run_SixThousandMutatedEvents_NoFailureAndNoSafetyNetHit()
    {
        var fuzzer = new DecodeFuzzer(Seeds.Value, 20261205, IngestedAt);

        var report = fuzzer.Run(0, 6000, TimeProvider.System, CancellationToken.None);

        report.Failures.ShouldBeEmpty(string.Join(Environment.NewLine, report.Failures));
        report.SafetyNetHits.ShouldBe(0);
        (report.Decoded + report.Rejected).ShouldBe(6000);
    }

    [Fact]
    public void Run_SixThousandMutatedEvents_ReachesTheRejectKindsTheMutationsAimAt()
    {
        var fuzzer = new DecodeFuzzer(Seeds.Value, 20261205, IngestedAt);

        var report = fuzzer.Run(0, 6000, TimeProvider.System, CancellationToken.None);

        report.Decoded.ShouldBeGreaterThan(300);
        RejectKind[] aimedAt =
        [
            RejectKind.InvalidJson, RejectKind.InvalidUtf8, RejectKind.InvalidEscape, RejectKind.WrongType, RejectKind.NumberOutOfRange,
            RejectKind.InvalidTimestamp, RejectKind.DuplicateField, RejectKind.MissingRequiredField, RejectKind.NullInRequiredField,
            RejectKind.EmptyPayload,
        ];
        aimedAt.Except(report.RejectsByKind.Keys).ShouldBeEmpty();
    }

    [Fact]
    public void Build_SameSeedAndCase_GivesTheSameBytes()
    {
        var one = new DecodeFuzzer(Seeds.Value, 99, IngestedAt).Build(12345);
        var two = new DecodeFuzzer(Seeds.Value, 99, IngestedAt).Build(12345);

        two.Payload.ShouldBe(one.Payload);
        two.Mutation.ShouldBe(one.Mutation);
    }

    [Fact]
    public void TryDecode_EverySeedTruncatedAtEveryPosition_EveryPrefixRejectedAsInvalidJsonNoneThrown()
    {
        foreach (var seed in Seeds.Value.Where(s => s.Properties.Count > 0).Take(24))
        {
            var (schema, partitioning) = FuzzSchemas.All[seed.SchemaIndex];
            var decoder = new RecordDecoder(schema, new DecoderOptions("t", IngestedAt, partitioning));
            for (var length = 1; length < seed.Value.Length; length++)
            {
                decoder.TryDecode(Records.Bytes(seed.Value[..length])).ShouldBeFalse();
                decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidJson, Encoding.UTF8.GetString(seed.Value[..length]));
            }
        }
    }

    [Fact]
    public void TryDecode_LoneSurrogateAtEveryPositionOfEveryString_KnownFieldsRejectUnknownOnesKeepIt()
    {
        var generated = Seeds.Value.First(s => s.SchemaIndex == 0 && s.Properties.Count == 9).Value;
        byte[] value = [(byte)'{', .. "\"note\":\"free text\","u8, .. generated.AsSpan(1)];
        var seed = new FuzzSeed(0, value, FuzzSeeds.PropertiesOf(value));
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, Records.Options());
        var known = BuiltInSchemas.Clicks.Fields.Select(f => "\"" + f.Name + "\"").ToHashSet();
        foreach (var property in seed.Properties)
        {
            var name = Encoding.UTF8.GetString(seed.Value.AsSpan(property.NameStart, property.NameEnd - property.NameStart));
            foreach (var (start, end) in new[] { (property.NameStart, property.NameEnd), (property.ValueStart, property.ValueEnd) })
            {
                if (start == property.ValueStart && property.ValueType != System.Text.Json.JsonTokenType.String)
                {
                    continue;
                }

                for (var at = start + 1; at < end; at++)
                {
                    byte[] payload = [.. seed.Value.AsSpan(0, at), .. "\\udc00"u8, .. seed.Value.AsSpan(at)];
                    var inName = start == property.NameStart;
                    var decoded = decoder.TryDecode(Records.Bytes(payload));

                    if (inName || known.Contains(name))
                    {
                        decoded.ShouldBeFalse(Encoding.UTF8.GetString(payload));
                        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidEscape);
                    }
                    else
                    {
                        decoded.ShouldBeTrue(Encoding.UTF8.GetString(payload));
                        decoder.Row.Text("_unknown_fields")!.ShouldContain("\\udc00");
                    }
                }
            }
        }
    }
}
