namespace ClickBatch.IntegrationTests.Support;

/// <summary>Thrown by <see cref="FaultInjectingStore"/>: stands for the process dying at that point.</summary>
public sealed class InjectedCrashException(string message) : Exception(message);
