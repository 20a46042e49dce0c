using System.Globalization;
using System.Text;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// Small, distinct news articles written to a corpus folder: article i is about the harbour of a
/// made-up town whose name occurs in no other article, with a number only it has.
/// </summary>
public static class GeneratedArticles
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "te", "vu", "no", "si", "be", "du"];
    private static readonly string[] Goods = ["copper", "grain", "timber", "coffee", "cotton", "steel", "rice", "wool"];

    public static string DocumentId(int i) => $"harbour-{i:000}";

    /// <summary>A town name unique to article <paramref name="i"/> (i &lt; 1000).</summary>
    public static string Town(int i)
    {
        var name = Syllables[i / 100 % 10] + Syllables[i / 10 % 10] + Syllables[i % 10] + "vik";
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    public static int Containers(int i) => 1000 + (i * 37 % 9000);

    public static string Good(int i) => Goods[i % Goods.Length];

    public static string Text(int i)
    {
        var town = Town(i);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{town} harbour handles record {Good(i)} shipments\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The harbour of {town} handled {Containers(i)} containers of {Good(i)} last week, the port authority of {town} said on Tuesday.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Dock workers in {town} expect the traffic to stay high until the end of the season.\n\n");
        text.Append("Last Updated : Jul 02 2025 | 6:50 AM IST\n");
        return text.ToString();
    }

    /// <summary>Writes articles 0 … count−1 as <c>harbour-iii.txt</c>.</summary>
    public static void Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(folder, DocumentId(i) + ".txt"), Text(i), new UTF8Encoding(false));
        }
    }
}
