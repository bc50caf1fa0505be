namespace ClickBatch.Decoding;

/// <summary>The stable snake_case names stored in the rejects table's error_kind column.</summary>
public static class RejectKinds
{
    private static readonly string[] Names =
    [
        "invalid_json", "not_an_object", "wrong_type", "missing_required_field", "null_in_required_field",
        "invalid_utf8", "tombstone", "empty_payload", "number_out_of_range", "invalid_timestamp", "duplicate_field",
        "invalid_escape", "internal_error",
    ];

    public static string Name(this RejectKind kind) => Names[(int)kind];

    public static IReadOnlyList<string> All => Names;
}
