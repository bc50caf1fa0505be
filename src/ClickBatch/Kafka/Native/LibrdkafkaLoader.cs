using System.Reflection;
using System.Runtime.InteropServices;

namespace ClickBatch.Kafka.Native;

/// <summary>
/// Makes ClickBatch's own librdkafka imports (<see cref="LibraryName"/>: the mock cluster's and the consume loop's) bind
/// to the librdkafka file Confluent.Kafka loaded. On Debian 12 the default
/// <c>librdkafka.so</c> needs libsasl2.so.3 and Confluent.Kafka silently falls back to <c>centos8-librdkafka.so</c>;
/// loading any other copy would give the mock cluster a second, separate librdkafka in the process.
/// </summary>
internal static class LibrdkafkaLoader
{
    /// <summary>A name no real file has: only our resolver answers it.</summary>
    internal const string LibraryName = "clickbatch-librdkafka";

    private static readonly Lazy<nint> Handle = new(LoadSameFileAsConfluent, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads librdkafka through Confluent.Kafka first, then registers the resolver (once per process).</summary>
    public static void EnsureLoaded() => _ = Handle.Value;

    private static nint LoadSameFileAsConfluent()
    {
        Confluent.Kafka.Library.Load();
        var path = FindLoadedPath() ?? throw new DllNotFoundException(
            "Confluent.Kafka reported librdkafka as loaded, but no librdkafka file is mapped into this process.");
        var handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);
        return handle;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        string.Equals(libraryName, LibraryName, StringComparison.Ordinal) ? Handle.Value : 0;

    /// <summary>Linux: the path of the mapped librdkafka (dlopen of the same path returns the same handle).</summary>
    private static string? FindLoadedPath()
    {
        if (OperatingSystem.IsLinux())
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null)
                .FirstOrDefault(path => path is not null
                    && Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal));
        }

        return FindBesideApplication();
    }

    private static string? FindBesideApplication()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        string[] names = ["librdkafka.dylib", "librdkafka.dll", "librdkafka.so"];
        return names.Select(name => Path.Combine(native, name)).FirstOrDefault(File.Exists);
    }
}
