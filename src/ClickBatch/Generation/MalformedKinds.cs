namespace ClickBatch.Generation;

/// <summary>Stable kebab-case names of <see cref="MalformedKind"/> values, used in <c>--json</c> and by tests.</summary>
public static class MalformedKinds
{
    /// <summary>Every kind, in enum order (the order in which the generator deals them out).</summary>
    public static IReadOnlyList<MalformedKind> All { get; } = Enum.GetValues<MalformedKind>();

    public static string Name(MalformedKind kind) => kind switch
    {
        MalformedKind.TruncatedJson => "truncated-json",
        MalformedKind.WrongTypes => "wrong-types",
        MalformedKind.MissingRequiredField => "missing-required-field",
        MalformedKind.NonUtf8Bytes => "non-utf8-bytes",
        MalformedKind.UnknownExtraFields => "unknown-extra-fields",
        MalformedKind.NullRequiredField => "null-required-field",
        MalformedKind.EmptyPayload => "empty-payload",
        MalformedKind.Tombstone => "tombstone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown malformed kind."),
    };

    /// <summary>True for the one kind whose records are valid and must be kept by a decoder.</summary>
    public static bool IsValidRecord(MalformedKind kind) => kind == MalformedKind.UnknownExtraFields;
}
