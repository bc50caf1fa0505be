using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClickBatch.Tests.Support;

/// <summary>
/// A fake Redshift Data API in front of Redshift Spectrum (moto's statements never finish): answers
/// <c>SELECT COUNT(*) FROM "schema"."table" WHERE "col" = :p0</c> with the rows the test says Spectrum sees in that
/// partition (<see cref="Rows"/>, 0 when not told), records every statement, and can fail or never finish statements.
/// </summary>
public sealed partial class FakeSpectrum
{
    private readonly Dictionary<string, (string Sql, long? Count)> _statements = new(StringComparer.Ordinal);

    public FakeSpectrum()
    {
        Handler = new FakeHttpHandler(Respond);
    }

    public FakeHttpHandler Handler { get; }

    /// <summary>What Spectrum counts per (table, partition value); the value is null for the null partition or an unpartitioned table.</summary>
    public Dictionary<(string Table, string? Partition), long> Rows { get; } = [];

    /// <summary>What svv_external_schemas says the schema reads; default the database of the last CREATE EXTERNAL SCHEMA.</summary>
    public string? ExternalSchemaDatabase { get; set; }

    /// <summary>When it returns an error text for a statement's SQL, DescribeStatement reports FAILED with it.</summary>
    public Func<string, string?> Fail { get; set; } = _ => null;

    /// <summary>When it returns true for a statement's SQL, DescribeStatement reports STARTED forever.</summary>
    public Func<string, bool> Hang { get; set; } = _ => false;

    /// <summary>Called with the SQL of every ExecuteStatement, as it arrives (to see what else had happened by then).</summary>
    public Action<string> OnStatement { get; set; } = _ => { };

    /// <summary>Every submitted statement: its SQL and its parameters (name to value).</summary>
    public List<(string Sql, Dictionary<string, string> Parameters, JsonElement Body)> Statements { get; } = [];

    public IEnumerable<string> Operations => Handler.Requests.Select(r => r.Target["RedshiftData.".Length..]);

    private HttpResponseMessage Respond(RecordedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        return request.Target switch
        {
            "RedshiftData.ExecuteStatement" => Execute(root.Clone()),
            "RedshiftData.DescribeStatement" => Describe(root.GetProperty("Id").GetString()!),
            "RedshiftData.GetStatementResult" => Result(root.GetProperty("Id").GetString()!),
            "RedshiftData.CancelStatement" => Json("""{"Status":true}"""),
            _ => FakeHttpHandler.Json(HttpStatusCode.BadRequest, """{"__type":"UnknownOperationException"}"""),
        };
    }

    private HttpResponseMessage Execute(JsonElement request)
    {
        var sql = request.GetProperty("Sql").GetString()!;
        var parameters = request.TryGetProperty("Parameters", out var list)
            ? list.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!)
            : [];
        lock (Statements)
        {
            Statements.Add((sql, parameters, request));
        }

        OnStatement(sql);
        var id = "st-" + _statements.Count.ToString(CultureInfo.InvariantCulture);
        _statements[id] = (sql, CountOf(sql, parameters));
        return Json("{\"Id\":\"" + id + "\"}");
    }

    private long? CountOf(string sql, Dictionary<string, string> parameters)
    {
        if (SchemaPattern().Match(sql) is { Success: true } schema)
        {
            ExternalSchemaDatabase ??= schema.Groups["database"].Value;
            return null;
        }

        if (sql.Contains("svv_external_schemas", StringComparison.Ordinal))
        {
            return parameters["database"] == ExternalSchemaDatabase ? 1 : 0;
        }

        var count = CountPattern().Match(sql);
        if (!count.Success)
        {
            return null;
        }

        var partition = parameters.GetValueOrDefault("p0");
        return Rows.GetValueOrDefault((count.Groups["table"].Value, partition));
    }

    private HttpResponseMessage Describe(string id)
    {
        var (sql, count) = _statements[id];
        var status = Hang(sql) ? "STARTED" : Fail(sql) is null ? "FINISHED" : "FAILED";
        var error = Fail(sql) is { } text ? ",\"Error\":" + JsonSerializer.Serialize(text) : string.Empty;
        return Json("{\"Id\":\"" + id + "\",\"Status\":\"" + status + "\",\"HasResultSet\":" + (count is null ? "false" : "true") + error + "}");
    }

    private HttpResponseMessage Result(string id) =>
        Json("{\"Records\":[[{\"longValue\":" + _statements[id].Count!.Value.ToString(CultureInfo.InvariantCulture) + "}]],\"TotalNumRows\":1}");

    private static HttpResponseMessage Json(string json) => FakeHttpHandler.Json(HttpStatusCode.OK, json);

    [GeneratedRegex("^CREATE EXTERNAL SCHEMA IF NOT EXISTS \"[^\"]+\" FROM DATA CATALOG DATABASE '(?<database>[^']+)'")]
    private static partial Regex SchemaPattern();

    [GeneratedRegex("""^SELECT COUNT\(\*\) FROM "[^"]+"\."(?<table>[^"]+)"( WHERE .*)?$""")]
    private static partial Regex CountPattern();
}
