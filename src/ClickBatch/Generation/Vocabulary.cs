using System.Text;

namespace ClickBatch.Generation;

/// <summary>
/// Word lists for realistic values, in the style of the seed system's Faker-made events (seed 001): browser user
/// agents, card providers, product names, US addresses. Kept as UTF-8 bytes for the encoder's hot path.
/// </summary>
internal static class Vocabulary
{
    public static readonly byte[][] UserAgents = Utf8(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.51",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1");

    public static readonly byte[][] PaymentMethods = Utf8(
        "VISA 16 digit", "Mastercard", "American Express", "Discover", "VISA 13 digit", "JCB 16 digit",
        "Diners Club / Carte Blanche", "Maestro", "JCB 15 digit", "VISA 19 digit");

    public static readonly byte[][] UtmSources = Utf8("google", "newsletter", "instagram", "direct", "bing", "affiliate");

    public static readonly string[] ProductAdjectives =
    [
        "Ergonomic", "Rustic", "Sleek", "Incredible", "Practical", "Handcrafted", "Refined", "Gorgeous",
        "Small", "Intelligent", "Licensed", "Tasty", "Awesome", "Fantastic", "Generic", "Modern",
    ];

    public static readonly string[] ProductMaterials =
    [
        "Steel", "Wooden", "Cotton", "Granite", "Plastic", "Rubber", "Concrete", "Frozen", "Fresh", "Soft", "Bronze", "Marble",
    ];

    public static readonly string[] ProductNouns =
    [
        "Chair", "Car", "Computer", "Keyboard", "Mouse", "Bike", "Ball", "Gloves", "Pants", "Shirt", "Table", "Shoes",
        "Hat", "Towels", "Soap", "Tuna", "Chicken", "Fish", "Cheese", "Bacon", "Pizza", "Salad", "Sausages", "Chips",
    ];

    public static readonly byte[][] StreetNames = Utf8(
        "Maple", "Oak", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Sunset", "Park", "Main", "Highland",
        "Jackson", "Franklin", "River", "Church", "Willow", "Meadow", "Ridge", "Forest");

    public static readonly byte[][] StreetSuffixes = Utf8("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Boulevard");

    public static readonly byte[][] Cities = Utf8(
        "Port Jennifer", "East Michael", "Lake Sarah", "New David", "North Lisa", "South Brian", "West Amanda",
        "Springfield", "Riverside", "Fairview", "Georgetown", "Salem", "Madison", "Clinton", "Greenville");

    public static readonly byte[][] States = Utf8(
        "AL", "AZ", "CA", "CO", "FL", "GA", "IL", "MA", "MI", "MN", "NC", "NJ", "NY", "OH", "OR", "PA", "TX", "VA", "WA", "WI");

    private static byte[][] Utf8(params string[] values) => values.Select(Encoding.UTF8.GetBytes).ToArray();
}
