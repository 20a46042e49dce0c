using System.Globalization;
using System.Text;

namespace QaBot.Testing;

/// <summary>
/// Small generated news articles for tests that index and answer for real (the CLI in a child process,
/// the bot's real services): article i is about the harbour of a made-up town that no other article
/// names, with its own container count and harbourmaster, so an answer shows which article it came from.
/// </summary>
public static class HarbourCorpus
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "te", "vu", "no", "si", "be", "du"];
    private static readonly string[] FirstNames = ["Anna", "Piet", "Ines", "Omar", "Lena", "Tariq", "Maja", "Jonas"];

    public static string DocumentId(int i) => $"harbour-{i:000}";

    /// <summary>A town name unique to article <paramref name="i"/> (i &lt; 1000).</summary>
    public static string Town(int i) => Capitalise(Syllables[i / 100 % 10] + Syllables[i / 10 % 10] + Syllables[i % 10] + "vik");

    public static int Containers(int i) => 1000 + (i * 37 % 9000);

    public static string Harbourmaster(int i) =>
        $"{FirstNames[i % FirstNames.Length]} {Capitalise(Syllables[i % 10] + Syllables[i / 10 % 10] + Syllables[i / 100 % 10] + "sson")}";

    public static string Text(int i)
    {
        var town = Town(i);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{town} harbour handles record shipments\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The harbour of {town} handled {Containers(i)} containers last week, the port authority of {town} said on Tuesday.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The harbourmaster of {town} is {Harbourmaster(i)}, who expects the traffic to stay high until the end of the season.\n\n");
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

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
