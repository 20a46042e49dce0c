using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Bot.Documents;

/// <summary>
/// Reads an article from the corpus folder: the id is the file name without extension. Ids are checked
/// against a strict pattern and the file must sit directly in the folder, so no path can escape it.
/// </summary>
public sealed class CorpusFolderDocumentSource(IOptions<CorpusOptions> corpus, QaBotRoot root) : IDocumentSource
{
    public async Task<DocumentView?> FindAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentIds.IsValid(documentId))
        {
            return null;
        }

        var folder = root.Resolve(corpus.Value.Path);
        foreach (var extension in corpus.Value.Extensions)
        {
            var path = Path.Combine(folder, documentId + extension);
            if (!File.Exists(path) || !string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                continue;
            }

            var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Replace("\r\n", "\n", StringComparison.Ordinal);
            var title = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? documentId;
            return new DocumentView(documentId, title, null, text);
        }

        return null;
    }
}
