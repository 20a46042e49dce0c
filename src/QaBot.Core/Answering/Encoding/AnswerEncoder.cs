using QaBot.Core.Embeddings.Onnx;

namespace QaBot.Core.Answering.Encoding;

/// <summary>
/// The answer step's view of the neural sentence encoder: questions (with the model's query prefix) and
/// candidate sentences as <see cref="EncodedSentence"/>s. Sentences are cached by text (least recently
/// used first out, within a byte budget), since the same passages come back for related questions.
/// Thread-safe.
/// </summary>
public sealed class AnswerEncoder
{
    private readonly Func<OnnxSentenceEncoder> encoder;
    private readonly SentenceCache cache;

    public AnswerEncoder(SentenceEncoderHost host, long cacheBytes = 32L * 1024 * 1024)
        : this(() => host.Encoder, host?.ModelId ?? throw new ArgumentNullException(nameof(host)), cacheBytes)
    {
    }

    internal AnswerEncoder(Func<OnnxSentenceEncoder> encoder, string modelId, long cacheBytes)
    {
        this.encoder = encoder;
        ModelId = modelId;
        cache = new SentenceCache(cacheBytes);
    }

    public string ModelId { get; }

    public EncodedSentence EncodeQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new EncodedSentence(encoder().Encode([question], asQueries: true)[0]);
    }

    /// <summary>The sentences' encodings, in order; cached ones are not encoded again.</summary>
    public IReadOnlyList<EncodedSentence> EncodeSentences(IReadOnlyList<string> sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var results = new EncodedSentence[sentences.Count];
        var missing = new List<int>();
        for (var i = 0; i < sentences.Count; i++)
        {
            if (cache.TryGet(sentences[i], out var hit))
            {
                results[i] = hit;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var distinct = missing.Select(i => sentences[i]).Distinct(StringComparer.Ordinal).ToList();
            var encoded = encoder().Encode(distinct, asQueries: false, cancellationToken);
            var byText = new Dictionary<string, EncodedSentence>(StringComparer.Ordinal);
            for (var j = 0; j < distinct.Count; j++)
            {
                byText[distinct[j]] = new EncodedSentence(encoded[j]);
                cache.Add(distinct[j], byText[distinct[j]]);
            }

            foreach (var i in missing)
            {
                results[i] = byText[sentences[i]];
            }
        }

        return results;
    }

    /// <summary>A least-recently-used cache of encoded sentences within a byte budget.</summary>
    private sealed class SentenceCache(long budget)
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, LinkedListNode<(string Key, EncodedSentence Value)>> entries = new(StringComparer.Ordinal);
        private readonly LinkedList<(string Key, EncodedSentence Value)> order = new();
        private long bytes;

        public bool TryGet(string key, out EncodedSentence value)
        {
            lock (gate)
            {
                if (entries.TryGetValue(key, out var node))
                {
                    order.Remove(node);
                    order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        public void Add(string key, EncodedSentence value)
        {
            var size = value.Bytes + (key.Length * 2L);
            if (size > budget)
            {
                return;
            }

            lock (gate)
            {
                if (entries.ContainsKey(key))
                {
                    return;
                }

                entries[key] = order.AddFirst((key, value));
                bytes += size;
                while (bytes > budget && order.Last is { } last)
                {
                    order.RemoveLast();
                    entries.Remove(last.Value.Key);
                    bytes -= last.Value.Value.Bytes + (last.Value.Key.Length * 2L);
                }
            }
        }
    }
}
