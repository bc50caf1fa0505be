using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Generation;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// Mutates generated events (<see cref="FuzzSeeds"/>) and decodes each result: every case must be decoded or
/// rejected, never thrown, and pass <see cref="DecodeOracle"/>; decoded again at the end of a batch holding earlier
/// cases' rows (as a run decodes into its file's buffer), a reject must leave the batch as it was and a row must equal
/// the scratch row. Case <c>n</c> of seed <c>s</c> is always the same bytes, so a failure is reproduced with the same
/// seed and case range (docs/decoding.md "Fuzzing").
/// </summary>
public sealed class DecodeFuzzer
{
    private const int KeptFailures = 20;

    private static readonly FuzzMutation[] Mutations = Enum.GetValues<FuzzMutation>();

    private static readonly byte[]?[] Keys = [null, "42"u8.ToArray(), [], [0xFF, 0x00, 0x41], "base64:x"u8.ToArray(), [0xED, 0xA0, 0x80]];

    /// <summary>Kafka timestamps (ms): ordinary, none, the epoch, the last storable millisecond and beyond it.</summary>
    private static readonly long[] Timestamps = [1_796_464_800_000, -1, 0, 253_402_300_799_999, 253_402_300_800_000, long.MaxValue];

    /// <summary>Rows a schema's batch holds before it is cleared.</summary>
    private const int BatchRows = 1024;

    private readonly IReadOnlyList<FuzzSeed> _seeds;
    private readonly RecordDecoder[] _decoders;
    private readonly RowBatch[] _batches;
    private readonly DeterministicRandom _random = new(0);
    private readonly PayloadMutator _mutator;
    private readonly ulong _seed;

    public DecodeFuzzer(IReadOnlyList<FuzzSeed> seeds, ulong seed, DateTimeOffset ingestedAt)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _seeds = seeds;
        _seed = seed;
        _mutator = new PayloadMutator(_random);
        _decoders = FuzzSchemas.All.Select(s => new RecordDecoder(s.Schema, new DecoderOptions("fuzz", ingestedAt, s.Partitioning))).ToArray();
        _batches = _decoders.Select(d => new RowBatch(d.Layout.Fields)).ToArray();
    }

    /// <summary>Runs cases <paramref name="firstCase"/> .. <paramref name="firstCase"/> + <paramref name="cases"/> - 1.</summary>
    public FuzzReport Run(long firstCase, long cases, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var rejects = new long[Enum.GetValues<RejectKind>().Length];
        var failures = new List<FuzzFailure>();
        long decoded = 0, failureCount = 0;
        var log = new StringBuilder();
        for (var n = firstCase; n < firstCase + cases; n++)
        {
            if ((n & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var failure = RunCase(n, log, out var reject);
            if (failure is not null && ++failureCount <= KeptFailures)
            {
                failures.Add(failure);
            }

            if (reject is { } kind)
            {
                rejects[(int)kind]++;
            }
            else if (failure is null)
            {
                decoded++;
            }
        }

        var byKind = Enum.GetValues<RejectKind>().Where(k => rejects[(int)k] > 0).ToDictionary(k => k, k => rejects[(int)k]);
        return new FuzzReport(cases, decoded, byKind, rejects[(int)RejectKind.InternalError], failures, failureCount, clock.GetElapsedTime(started));
    }

    /// <summary>The payload and mutation of case <paramref name="n"/>, without decoding it.</summary>
    public (FuzzSeed Seed, byte[] Payload, string Mutation) Build(long n)
    {
        var log = new StringBuilder();
        var (seed, payload) = Mutate(n, log);
        return (seed, payload, log.ToString());
    }

    private FuzzFailure? RunCase(long n, StringBuilder log, out RejectKind? reject)
    {
        reject = null;
        log.Clear();
        var (seed, payload) = Mutate(n, log);
        var key = Keys[_random.Next(Keys.Length)];
        var timestampMs = Timestamps[_random.Next(4) == 0 ? _random.Next(Timestamps.Length) : 0];
        var (schema, _) = FuzzSchemas.All[seed.SchemaIndex];
        var decoder = _decoders[seed.SchemaIndex];
        string? problem;
        try
        {
            var record = RawRecord.FromArrays(schema.Topic, 0, n, timestampMs, key, payload);
            var decoded = decoder.TryDecode(record);
            reject = decoded ? null : decoder.Reject!.Kind;
            problem = DecodeOracle.Check(decoder, schema, decoded, payload) ?? (decoded ? KeyProblem(decoder, key) : null)
                ?? BatchProblem(decoder, _batches[seed.SchemaIndex], record, decoded);
        }
        catch (Exception ex)
        {
            // The fuzzer's purpose: any exception is a finding, reported with its case.
            problem = "threw " + ex.GetType().Name + ": " + ex.Message;
        }

        return problem is null ? null : new FuzzFailure(n, schema.Topic + "#" + seed.SchemaIndex, log.ToString(), problem, payload);
    }

    /// <summary>
    /// The record decoded again at the end of <paramref name="batch"/>: the same outcome as into the scratch row; a reject
    /// leaves every column's rows and the batch's size as they were, a row adds one row to every column equal to the
    /// scratch row.
    /// </summary>
    private static string? BatchProblem(RecordDecoder decoder, RowBatch batch, in RawRecord record, bool decoded)
    {
        if (batch.RowCount >= BatchRows)
        {
            batch.Clear();
        }

        var rows = batch.RowCount;
        var size = batch.ByteSize;
        var (day, kind) = (decoder.PartitionDay, decoder.Reject?.Kind);
        if (decoder.TryDecode(record, batch) != decoded || (!decoded && decoder.Reject!.Kind != kind))
        {
            return "decoded at the end of a batch, the outcome differs from the scratch row's";
        }

        var expected = rows + (decoded ? 1 : 0);
        for (var i = 0; i < batch.Columns.Length; i++)
        {
            var column = batch.Columns[i];
            if (column.RowCount != expected)
            {
                return $"decoded at the end of a batch, column '{column.Field.Name}' holds {column.RowCount} rows, expected {expected}";
            }

            if (decoded && !SameLastRow(column, decoder.Row.Columns[i]))
            {
                return $"decoded at the end of a batch, column '{column.Field.Name}' differs from the scratch row";
            }
        }

        if (!decoded)
        {
            return batch.ByteSize == size ? null : $"a reject changed the batch's size from {size} to {batch.ByteSize} bytes";
        }

        return decoder.PartitionDay == day ? null : "decoded at the end of a batch, the partition day differs from the scratch row's";
    }

    private static bool SameLastRow(ColumnBuffer batch, ColumnBuffer scratch)
    {
        if (batch.LastRowIsNull || scratch.LastRowIsNull)
        {
            return batch.LastRowIsNull == scratch.LastRowIsNull;
        }

        return (batch, scratch) switch
        {
            (BytesColumn a, BytesColumn b) => a.Value(a.ValueCount - 1).SequenceEqual(b.Value(b.ValueCount - 1)),
            (ValueColumn<int> a, ValueColumn<int> b) => a.Values[^1] == b.Values[^1],
            (ValueColumn<long> a, ValueColumn<long> b) => a.Values[^1] == b.Values[^1],
            (ValueColumn<double> a, ValueColumn<double> b) => a.Values[^1].Equals(b.Values[^1]),
            (ValueColumn<bool> a, ValueColumn<bool> b) => a.Values[^1] == b.Values[^1],
            _ => false,
        };
    }

    /// <summary>The stored <c>_kafka_key</c> gives the key's bytes back (<see cref="KafkaKeyEncoding"/>).</summary>
    private static string? KeyProblem(RecordDecoder decoder, byte[]? key)
    {
        var column = (BytesColumn)decoder.Row.Columns[decoder.Layout.Fields.Count - 4];
        var stored = column.ValueCount == 0 ? null : Encoding.UTF8.GetString(column.Value(0));
        var back = KafkaKeyEncoding.Decode(stored);
        return (back is null) == (key is null) && (key is null || back!.AsSpan().SequenceEqual(key)) ? null : "_kafka_key does not give the key back";
    }

    private (FuzzSeed Seed, byte[] Payload) Mutate(long n, StringBuilder log)
    {
        _random.Reseed((_seed * 0x9E3779B97F4A7C15UL) ^ (ulong)n);
        var seed = _seeds[_random.Next(_seeds.Count)];
        var payload = _mutator.Apply(Mutations[_random.Next(Mutations.Length)], seed.Value, seed.Properties, log);
        return (seed, payload);
    }
}
