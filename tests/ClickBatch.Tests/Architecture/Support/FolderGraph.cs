namespace ClickBatch.Tests.Architecture.Support;

/// <summary>
/// Which folder (namespace) of ClickBatch uses which, built from the compiled assembly: an edge A -> B holds the
/// type pairs behind it, so a failing check can say which type brought the import in.
/// </summary>
internal sealed class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private FolderGraph()
    {
    }

    public IEnumerable<string> Folders => _edges.Keys;

    /// <param name="references">Type to the types it uses (<see cref="TypeReferenceScanner"/>).</param>
    /// <param name="folderOf">The folder of a full type name, or null for a type that is not part of any.</param>
    public static FolderGraph Build(IReadOnlyDictionary<string, ISet<string>> references, Func<string, string?> folderOf)
    {
        var graph = new FolderGraph();
        foreach (var (type, used) in references)
        {
            if (folderOf(type) is not { } from)
            {
                continue;
            }

            var targets = graph.Targets(from);
            foreach (var target in used)
            {
                if (folderOf(target) is { } to && to != from)
                {
                    graph.Targets(to);
                    if (!targets.TryGetValue(to, out var why))
                    {
                        why = new SortedSet<string>(StringComparer.Ordinal);
                        targets[to] = why;
                    }

                    why.Add(Short(type) + " -> " + Short(target));
                }
            }
        }

        return graph;
    }

    public IEnumerable<(string From, string To, IReadOnlyCollection<string> Why)> Edges =>
        _edges.SelectMany(e => e.Value.Select(t => (e.Key, t.Key, (IReadOnlyCollection<string>)t.Value)));

    /// <summary>The strongly connected components of more than one folder (Tarjan): each is an import loop.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var tarjan = new Tarjan(this);
        foreach (var folder in _edges.Keys.Order(StringComparer.Ordinal))
        {
            tarjan.Visit(folder);
        }

        return tarjan.Components.Where(c => c.Count > 1).ToList();
    }

    /// <summary>The type pairs behind the edge from one folder to another (empty when there is none).</summary>
    public IReadOnlyCollection<string> Why(string from, string to) =>
        _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var why) ? why : [];

    private Dictionary<string, SortedSet<string>> Targets(string folder)
    {
        if (!_edges.TryGetValue(folder, out var targets))
        {
            targets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            _edges[folder] = targets;
        }

        return targets;
    }

    private static string Short(string fullName) => fullName.StartsWith("ClickBatch.", StringComparison.Ordinal) ? fullName["ClickBatch.".Length..] : fullName;

    private sealed class Tarjan(FolderGraph graph)
    {
        private readonly Dictionary<string, (int Index, int Low)> _marks = new(StringComparer.Ordinal);
        private readonly Stack<string> _stack = new();
        private readonly HashSet<string> _onStack = new(StringComparer.Ordinal);

        public List<IReadOnlyList<string>> Components { get; } = [];

        public void Visit(string folder)
        {
            if (_marks.ContainsKey(folder))
            {
                return;
            }

            var index = _marks.Count;
            _marks[folder] = (index, index);
            _stack.Push(folder);
            _onStack.Add(folder);
            foreach (var next in graph._edges[folder].Keys.Order(StringComparer.Ordinal))
            {
                if (!_marks.ContainsKey(next))
                {
                    Visit(next);
                    _marks[folder] = (index, Math.Min(_marks[folder].Low, _marks[next].Low));
                }
                else if (_onStack.Contains(next))
                {
                    _marks[folder] = (index, Math.Min(_marks[folder].Low, _marks[next].Index));
                }
            }

            if (_marks[folder].Low == index)
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = _stack.Pop();
                    _onStack.Remove(member);
                    component.Add(member);
                }
                while (member != folder);
                component.Sort(StringComparer.Ordinal);
                Components.Add(component);
            }
        }
    }
}
