using System.Text;
using AngleSharp.Dom;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// The readable text of an HTML tree (parsed by AngleSharp): what a browser shows, as plain lines —
/// block elements (paragraphs, headings, list items, table rows…) start new lines, paragraphs are
/// separated by a blank line, table cells by a tab, white space inside a block collapses to single
/// spaces (kept as written inside <c>&lt;pre&gt;</c>). Scripts, styles, templates, forms' controls,
/// embedded objects and hidden elements are left out.
/// </summary>
internal static class HtmlText
{
    /// <summary>Elements whose content is never shown as text.</summary>
    private static readonly HashSet<string> Unrendered = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math", "canvas",
        "iframe", "object", "embed", "video", "audio", "picture", "img", "input", "select", "textarea", "button",
    };

    /// <summary>Blocks that are paragraphs: a blank line before and after.</summary>
    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr", "address",
    };

    /// <summary>Other blocks: a line of their own.</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "main", "header", "footer", "nav", "aside", "li", "dt", "dd", "tr", "caption",
        "figcaption", "details", "summary", "form", "fieldset", "legend", "body", "html", "center",
    };

    public static string ToPlainText(INode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var writer = new Writer();
        writer.Walk(root, preformatted: false);
        return writer.ToString();
    }

    /// <summary>True when the element is hidden by its own markup (<c>hidden</c>, <c>aria-hidden</c>, an inline <c>display: none</c>).</summary>
    internal static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is not null && style.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private int _pendingBreaks;
        private bool _pendingSpace;
        private bool _pendingTab;

        public void Walk(INode node, bool preformatted)
        {
            switch (node)
            {
                case IText text:
                    Write(text.Data, preformatted);
                    break;
                case IElement element:
                    WalkElement(element, preformatted);
                    break;
                default:
                    foreach (var child in node.ChildNodes)
                    {
                        Walk(child, preformatted);
                    }

                    break;
            }
        }

        public override string ToString() => _text.ToString();

        private void WalkElement(IElement element, bool preformatted)
        {
            var name = element.LocalName;
            if (Unrendered.Contains(name) || IsHidden(element))
            {
                return;
            }

            if (name is "br")
            {
                Break(1);
                return;
            }

            var breaks = Paragraphs.Contains(name) ? 2 : Lines.Contains(name) ? 1 : 0;
            var cell = name is "td" or "th";
            if (cell && _text.Length > 0 && _pendingBreaks == 0)
            {
                _pendingTab = true;
            }

            Break(breaks);
            var pre = preformatted || name is "pre" or "textarea";
            foreach (var child in element.ChildNodes)
            {
                Walk(child, pre);
            }

            Break(breaks);
        }

        private void Break(int breaks)
        {
            if (breaks > 0 && _text.Length > 0)
            {
                _pendingBreaks = Math.Max(_pendingBreaks, breaks);
                _pendingSpace = false;
                _pendingTab = false;
            }
        }

        private void Write(string data, bool preformatted)
        {
            foreach (var c in data)
            {
                if (preformatted ? c == '\n' : char.IsWhiteSpace(c))
                {
                    if (preformatted)
                    {
                        Break(1);
                    }
                    else
                    {
                        _pendingSpace = _text.Length > 0;
                    }

                    continue;
                }

                if (c == '\r')
                {
                    continue;
                }

                if (_pendingBreaks > 0)
                {
                    _text.Append('\n', _pendingBreaks);
                    _pendingBreaks = 0;
                }
                else if (_pendingTab)
                {
                    _text.Append('\t');
                }
                else if (_pendingSpace)
                {
                    _text.Append(' ');
                }

                _pendingSpace = false;
                _pendingTab = false;
                _text.Append(c);
            }
        }
    }
}
