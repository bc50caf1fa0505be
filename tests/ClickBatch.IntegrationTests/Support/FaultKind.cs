namespace ClickBatch.IntegrationTests.Support;

/// <summary>What <see cref="FaultProxy"/> does to a request a <see cref="FaultRule"/> picked.</summary>
public enum FaultKind
{
    /// <summary>Answers 500 InternalError (S3 XML body; Glue: InternalServiceException JSON) without forwarding.</summary>
    InternalError,

    /// <summary>Answers 503 SlowDown (S3 XML body; Glue: 400 ThrottlingException JSON) without forwarding.</summary>
    SlowDown,

    /// <summary>Drops the connection without an answer and without forwarding.</summary>
    ConnectionReset,

    /// <summary>Never answers (until the client gives up or <see cref="FaultProxy.HangFor"/> passes); not forwarded.</summary>
    Timeout,

    /// <summary>Forwards the request (moto stores it), then answers 500 InternalError: a success answered as a failure.</summary>
    StoredThenInternalError,

    /// <summary>Forwards the request (moto stores it), then drops the connection.</summary>
    StoredThenConnectionReset,

    /// <summary>Forwards the request after <see cref="FaultProxy.Latency"/>: a slow store, e.g. to keep a run busy long enough to signal it.</summary>
    Latency,
}
