namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>A case that broke a rule: its number (reproducible from the fuzzer's seed), what was done, what went wrong, the bytes.</summary>
public sealed record FuzzFailure(long Case, string Schema, string Mutation, string Problem, byte[] Payload)
{
    public override string ToString() =>
        $"case {Case} ({Schema}): {Problem}{Environment.NewLine}  mutation: {Mutation}{Environment.NewLine}  payload hex: {Convert.ToHexString(Payload)}";
}
