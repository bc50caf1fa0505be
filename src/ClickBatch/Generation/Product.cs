namespace ClickBatch.Generation;

/// <summary>A product of the run's catalog: a click on it always shows the same id, name and price.</summary>
/// <param name="Id">product_id.</param>
/// <param name="Name">product, as UTF-8 bytes.</param>
/// <param name="PriceCents">price in cents (the event carries it with two decimals).</param>
public sealed record Product(Guid Id, byte[] Name, int PriceCents);
