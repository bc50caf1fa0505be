using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClickBatch.Catalog.Glue;
using DuckDB.NET.Data;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// A stand-in for the Redshift Data API in front of Redshift Spectrum (moto's statements never finish), served over
/// HTTP on 127.0.0.1 so the real client finds it through AWS_ENDPOINT_URL_REDSHIFT_DATA. A count is answered the way
/// Spectrum reads a symlink table: the Glue partition's location (read from moto's Glue), the manifest there, and
/// DuckDB counting the rows of the files it lists. <see cref="Lie"/> makes it answer a wrong count for a partition.
/// </summary>
public sealed partial class FakeSpectrumServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly GlueClient _glue;
    private readonly Dictionary<string, (long? Count, string? Error)> _results = new(StringComparer.Ordinal);
    private readonly Task _serving;
    private string? _glueDatabase;

    public FakeSpectrumServer(GlueClient glue)
    {
        _glue = glue;
        var port = FreePort();
        Endpoint = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Endpoint { get; }

    /// <summary>Given (Glue table, partition value, true count), the count to answer; default the truth.</summary>
    public Func<string, string?, long, long> Lie { get; set; } = (_, _, count) => count;

    /// <summary>When it returns an error text for a statement's SQL, the statement FAILED with it.</summary>
    public Func<string, string?> Fail { get; set; } = _ => null;

    /// <summary>Every statement: its SQL, first parameter, request body, and the Authorization header it was signed with.</summary>
    public List<(string Sql, string? Parameter, JsonElement Body, string Authorization)> Statements { get; } = [];

    /// <summary>(Glue table, partition value, true count) of every count answered.</summary>
    public List<(string Table, string? Partition, long Count)> Counted { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
            var target = context.Request.Headers["X-Amz-Target"] ?? string.Empty;
            var answer = await AnswerAsync(target, body, context.Request.Headers["Authorization"] ?? string.Empty);
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private async Task<string> AnswerAsync(string target, JsonElement body, string authorization) => target switch
    {
        "RedshiftData.ExecuteStatement" => await ExecuteAsync(body, authorization),
        "RedshiftData.DescribeStatement" => Describe(body.GetProperty("Id").GetString()!),
        "RedshiftData.GetStatementResult" => "{\"Records\":[[{\"longValue\":" + _results[body.GetProperty("Id").GetString()!].Count + "}]],\"TotalNumRows\":1}",
        _ => "{\"Status\":true}",
    };

    private async Task<string> ExecuteAsync(JsonElement body, string authorization)
    {
        var sql = body.GetProperty("Sql").GetString()!;
        var parameters = body.TryGetProperty("Parameters", out var list)
            ? list.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString())
            : [];
        var parameter = parameters.GetValueOrDefault("p0");
        Statements.Add((sql, parameter, body.Clone(), authorization));
        var id = "st-" + Statements.Count.ToString(CultureInfo.InvariantCulture);
        try
        {
            _results[id] = Fail(sql) is { } error ? (null, error) : (await RunAsync(sql, parameters), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DuckDBException or ClickBatch.Errors.ClickBatchException)
        {
            _results[id] = (null, "fake Spectrum could not answer: " + ex.Message);
        }

        return "{\"Id\":\"" + id + "\"}";
    }

    private async Task<long?> RunAsync(string sql, Dictionary<string, string?> parameters)
    {
        if (SchemaPattern().Match(sql) is { Success: true } schema)
        {
            _glueDatabase ??= schema.Groups["database"].Value;
            return null;
        }

        if (sql.Contains("svv_external_schemas", StringComparison.Ordinal))
        {
            return parameters["database"] == _glueDatabase ? 1 : 0;
        }

        var partition = parameters.GetValueOrDefault("p0");
        var table = CountPattern().Match(sql).Groups["table"].Value;
        var count = await CountAsync(table, partition);
        Counted.Add((table, partition, count));
        return Lie(table, partition, count);
    }

    private async Task<long> CountAsync(string table, string? partition)
    {
        var partitions = await _glue.GetPartitionsAsync(_glueDatabase!, table, null, CancellationToken.None);
        var location = partitions.Single(p => p.Values.SequenceEqual([partition!])).StorageDescriptor!.Location!;
        var manifest = await File.ReadAllLinesAsync(new Uri(new Uri(location), "manifest").LocalPath);
        // As Hive's SymlinkTextInputFormat: new Path(line), the text after the scheme is the literal path.
        var files = manifest.Where(l => l.Length > 0).Select(l => "'" + l["file://".Length..].Replace("'", "''", StringComparison.Ordinal) + "'");
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        await using var command = duck.CreateCommand();
        command.CommandText = "SELECT count(*) FROM read_parquet([" + string.Join(", ", files) + "])";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private string Describe(string id)
    {
        var (count, error) = _results[id];
        return error is null
            ? "{\"Id\":\"" + id + "\",\"Status\":\"FINISHED\",\"HasResultSet\":" + (count is null ? "false" : "true") + "}"
            : "{\"Id\":\"" + id + "\",\"Status\":\"FAILED\",\"Error\":" + JsonSerializer.Serialize(error) + "}";
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex("^CREATE EXTERNAL SCHEMA IF NOT EXISTS \"[^\"]+\" FROM DATA CATALOG DATABASE '(?<database>[^']+)' IAM_ROLE '[^']+'$")]
    private static partial Regex SchemaPattern();

    [GeneratedRegex("""^SELECT COUNT\(\*\) FROM "[^"]+"\."(?<table>[^"]+)" WHERE "dt" = :p0$""")]
    private static partial Regex CountPattern();
}
