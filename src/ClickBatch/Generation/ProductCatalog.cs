using System.Text;

namespace ClickBatch.Generation;

/// <summary>
/// The products of one run, derived from the seed. Popularity is skewed (a few products get most clicks), so
/// several users click the same product, as attribution by user and product needs.
/// </summary>
public sealed class ProductCatalog
{
    private readonly Product[] _products;

    private ProductCatalog(Product[] products) => _products = products;

    public int Count => _products.Length;

    public Product this[int index] => _products[index];

    /// <summary>A catalog of about one product per 20 clicks, at least 50 and at most 100,000.</summary>
    public static ProductCatalog Create(DeterministicRandom random, int clicks)
    {
        var count = Math.Clamp(clicks / 20, 50, 100_000);
        var products = new Product[count];
        for (var i = 0; i < count; i++)
        {
            products[i] = new Product(random.NextGuid(), NextName(random), random.Next(199, 99_999));
        }

        return new ProductCatalog(products);
    }

    /// <summary>A product index, skewed towards low indices (index = count * u^2).</summary>
    public int PickIndex(DeterministicRandom random)
    {
        var u = random.NextDouble();
        return (int)(u * u * _products.Length);
    }

    private static byte[] NextName(DeterministicRandom random)
    {
        var name = Vocabulary.ProductAdjectives[random.Next(Vocabulary.ProductAdjectives.Length)] + " "
            + Vocabulary.ProductMaterials[random.Next(Vocabulary.ProductMaterials.Length)] + " "
            + Vocabulary.ProductNouns[random.Next(Vocabulary.ProductNouns.Length)];
        return Encoding.UTF8.GetBytes(name);
    }
}
