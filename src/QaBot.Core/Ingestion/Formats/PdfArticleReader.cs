using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Reads a PDF with PdfPig: on each page the letters are grouped into words, the words into text blocks
/// (Docstrum) and the blocks put in reading order, so columns and side boxes are read as a person
/// reads them; a block's lines become one paragraph (a line ending in a hyphen joins the next without a
/// space). The title is the document's metadata title, else the first line (found later from the text).
/// </summary>
internal static class PdfArticleReader
{
    public static FileContent Read(byte[] bytes)
    {
        var text = new StringBuilder();
        string? title;
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            title = pdf.Information.Title;
            foreach (var page in pdf.GetPages())
            {
                AppendPage(page, text);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig reports damaged, encrypted and non-PDF files with several exception types.
            throw new InvalidDataException($"is not a readable PDF ({ex.Message.TrimEnd('.')})", ex);
        }

        if (string.IsNullOrWhiteSpace(text.ToString()))
        {
            throw new InvalidDataException("is a PDF without a text layer (scanned pages? QaBot does not read images)");
        }

        return FileContent.Single(new ReadArticle(text.ToString(), title));
    }

    private static void AppendPage(Page page, StringBuilder text)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
        var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
        foreach (var block in UnsupervisedReadingOrderDetector.Instance.Get(blocks))
        {
            var paragraph = JoinLines(block);
            if (paragraph.Length == 0)
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            text.Append(paragraph);
        }
    }

    private static string JoinLines(TextBlock block)
    {
        var paragraph = new StringBuilder();
        foreach (var line in block.TextLines)
        {
            var words = line.Text.Trim();
            if (words.Length == 0)
            {
                continue;
            }

            if (paragraph.Length > 0 && paragraph[^1] != '-')
            {
                paragraph.Append(' ');
            }

            paragraph.Append(words);
        }

        return paragraph.ToString();
    }
}
