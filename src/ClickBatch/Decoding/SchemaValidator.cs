namespace ClickBatch.Decoding;

/// <summary>Checks a topic schema against what Delta (without column mapping) and ClickBatch accept.</summary>
internal static class SchemaValidator
{
    // Delta without column mapping refuses these characters in column names (Parquet/Hive restriction).
    private const string InvalidNameCharacters = " ,;{}()\n\t=";

    public static void Validate(TopicSchema schema, List<string> problems)
    {
        var prefix = $"schema of topic '{schema.Topic}': ";
        if (schema.Fields.Count == 0)
        {
            problems.Add(prefix + "expected at least one field, found none");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in schema.Fields)
        {
            ValidateName(field.Name, prefix, problems);
            if (!seen.Add(field.Name))
            {
                problems.Add(prefix + $"field '{field.Name}' appears twice (names must be unique regardless of case)");
            }
        }

        ValidateEventTime(schema, prefix, problems);
    }

    private static void ValidateName(string name, string prefix, List<string> problems)
    {
        if (name.Length == 0)
        {
            problems.Add(prefix + "a field has an empty name");
        }
        else if (name.IndexOfAny(InvalidNameCharacters.ToCharArray()) >= 0)
        {
            problems.Add(prefix + $"field '{name}' contains one of the characters ' ,;{{}}()=' or a tab/newline, "
                + "which Delta column names cannot hold; rename it");
        }
        else if (MetadataColumns.IsReserved(name))
        {
            problems.Add(prefix + $"field '{name}' uses a name reserved for ClickBatch metadata columns "
                + "(_kafka_*, _run_id, _ingested_at, _unknown_fields, dt); rename it");
        }
    }

    private static void ValidateEventTime(TopicSchema schema, string prefix, List<string> problems)
    {
        if (schema.EventTimeField is null)
        {
            return;
        }

        var index = schema.EventTimeIndex;
        if (index < 0)
        {
            problems.Add(prefix + $"event-time field '{schema.EventTimeField}' is not one of the schema's fields");
        }
        else if (schema.Fields[index].Kind is not (FieldKind.Timestamp or FieldKind.Date))
        {
            problems.Add(prefix + $"event-time field '{schema.EventTimeField}' must be a timestamp or date, "
                + $"found {schema.Fields[index].DeltaTypeName}");
        }
    }
}
