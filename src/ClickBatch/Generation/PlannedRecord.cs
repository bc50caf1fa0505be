using System.Runtime.InteropServices;

namespace ClickBatch.Generation;

/// <summary>
/// One record of a generation run, before encoding: the truth attribution tests compare against. The bytes are
/// a pure function of these fields (<see cref="RecordEncoder"/>), so a plan of a million records stays small.
/// </summary>
/// <param name="Sequence">Order of planning; ties on time keep this order, and a duplicate comes after its original.</param>
/// <param name="Topic">Stream the record goes to.</param>
/// <param name="Role">Event, duplicate or malformed.</param>
/// <param name="Malformed">Kind of bad record; meaningful only when <paramref name="Role"/> is <see cref="RecordRole.Malformed"/>.</param>
/// <param name="Scenario">The checkout story this event belongs to, <see cref="CheckoutScenario.None"/> for browsing clicks.</param>
/// <param name="StoryId">Events of one story (a checkout and its clicks, or a browsing session) share it; -1 for malformed records.</param>
/// <param name="UserId">user_id of the event and the Kafka key.</param>
/// <param name="ProductIndex">Index into the run's <see cref="ProductCatalog"/>.</param>
/// <param name="TimestampUnixMs">datetime_occured and the Kafka CreateTime timestamp.</param>
/// <param name="EventId">click_id or checkout_id.</param>
/// <param name="Entropy">Seed of the record's other random fields (user agent, IP address, amounts).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PlannedRecord(
    int Sequence,
    EventTopic Topic,
    RecordRole Role,
    MalformedKind Malformed,
    CheckoutScenario Scenario,
    int StoryId,
    int UserId,
    int ProductIndex,
    long TimestampUnixMs,
    Guid EventId,
    ulong Entropy)
{
    /// <summary>True when a decoder must keep this record (every event and duplicate, and unknown-extra-fields).</summary>
    public bool IsValid => Role != RecordRole.Malformed || MalformedKinds.IsValidRecord(Malformed);

    /// <summary>The timestamp as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampUnixMs);
}
