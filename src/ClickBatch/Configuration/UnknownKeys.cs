using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ClickBatch.Configuration;

/// <summary>
/// Every configuration key that binds to nothing in <see cref="ClickBatchOptions"/>, with its full path and the
/// nearest known name: the binder's own ErrorOnUnknownConfiguration stops at the first and names no path inside lists.
/// </summary>
internal static class UnknownKeys
{
    /// <param name="configuration">One source's keys (the config file's, or the environment's).</param>
    /// <param name="optionsType">The options type they bind to.</param>
    /// <param name="origin">Where the keys come from, e.g. <c>config file c.json</c>.</param>
    /// <param name="render">Renders a key path as the user wrote it there, e.g. <c>Topics[0].Table</c>.</param>
    public static List<string> Find(IConfiguration configuration, Type optionsType, string origin, Func<string, string> render)
    {
        var problems = new List<string>();
        Walk(configuration.GetChildren(), optionsType, path => origin + ": " + render(path), render, problems);
        return problems;
    }

    /// <summary>A key path as JSON spells it: <c>Topics:0:Table</c> becomes <c>Topics[0].Table</c>.</summary>
    public static string AsJsonPath(string path) =>
        string.Join(string.Empty, path.Split(':').Select((part, i) => int.TryParse(part, out _) ? "[" + part + "]" : (i == 0 ? "" : ".") + part));

    private static void Walk(
        IEnumerable<IConfigurationSection> sections, Type type, Func<string, string> describe, Func<string, string> render, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        foreach (var section in sections)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, section.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var nearest = Nearest(section.Key, properties.Select(p => p.Name));
                problems.Add(describe(section.Path) + " is not a setting" + (nearest is null ? "." : "; did you mean " + render(Rename(section.Path, nearest)) + "?")
                    + " Known here: " + string.Join(", ", properties.Select(p => p.Name)) + ".");
                continue;
            }

            WalkValue(section, property.PropertyType, describe, render, problems);
        }
    }

    private static void WalkValue(
        IConfigurationSection section, Type type, Func<string, string> describe, Func<string, string> render, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var children = section.GetChildren().ToList();
        if (IsLeaf(type))
        {
            foreach (var child in children)
            {
                problems.Add(describe(child.Path) + " is not a setting: " + render(section.Path) + " takes a single value.");
            }

            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            children.ForEach(child => WalkValue(child, valueType, describe, render, problems));
            return;
        }

        if (ListElementType(type) is { } elementType)
        {
            children.ForEach(child => WalkValue(child, elementType, describe, render, problems));
            return;
        }

        Walk(children, type, describe, render, problems);
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ListElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    private static string Rename(string path, string name)
    {
        var cut = path.LastIndexOf(':');
        return cut < 0 ? name : path[..(cut + 1)] + name;
    }

    /// <summary>The known name closest to a typo (edit distance at most a third of its length), or null.</summary>
    internal static string? Nearest(string key, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: Distance(key.ToUpperInvariant(), n.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3))
            .OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
