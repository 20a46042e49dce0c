using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using QaBot.Core.Text;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// Runs a BERT-style ONNX sentence encoder: WordPiece tokens from FastBertTokenizer (standard BERT
/// output, unlike the packages' own tokenizer, which splits on spaces only), the graph through ONNX
/// Runtime, and the model's own pooling (<see cref="EncoderPooling"/>). Texts are batched by length
/// (sorted, so little padding is computed) and batches run concurrently, one ONNX Runtime thread each,
/// which on a few cores beats one batch with several threads. Thread-safe.
/// </summary>
public sealed class OnnxSentenceEncoder : IDisposable
{
    private const int MaxBatchTokens = 2048;
    private const int MaxBatchSize = 32;

    private readonly InferenceSession session;
    private readonly ThreadLocal<FastBertTokenizer.BertTokenizer> tokenizers;
    private readonly string[] vocabulary;
    private readonly int maxTokens;
    private readonly int parallelism;

    public OnnxSentenceEncoder(OnnxEncoderModel model, OnnxModelFiles files, bool quantized, int maxTokens = 256, int parallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 8);
        Model = model;
        ModelId = model.ModelId(quantized);
        this.maxTokens = Math.Min(maxTokens, 512);
        this.parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        vocabulary = File.ReadAllLines(files.VocabularyPath);
        tokenizers = new ThreadLocal<FastBertTokenizer.BertTokenizer>(() =>
        {
            var tokenizer = new FastBertTokenizer.BertTokenizer();
            using var reader = File.OpenText(files.VocabularyPath);
            tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
            return tokenizer;
        });
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        session = new InferenceSession(files.ModelPath, sessionOptions);
    }

    public OnnxEncoderModel Model { get; }

    /// <summary>Names the model, its version and precision (recorded by an index built from its vectors).</summary>
    public string ModelId { get; }

    public int Dimensions => Model.Dimensions;

    /// <summary>Pooled, L2-normalised vectors of <paramref name="texts"/>, in order. Queries get the model's query prefix.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, bool asQueries = false, CancellationToken cancellationToken = default) =>
        [.. EncodeCore(texts, asQueries, withPieces: false, cancellationToken).Select(e => e.Vector)];

    /// <summary>Like <see cref="Encode"/>, with each text's word pieces and their contextual vectors.</summary>
    public EncodedText[] EncodeWithPieces(IReadOnlyList<string> texts, bool asQueries = false, CancellationToken cancellationToken = default) =>
        EncodeCore(texts, asQueries, withPieces: true, cancellationToken);

    /// <summary>Word-piece ids of <paramref name="text"/> with [CLS] and [SEP], cut to the model's limit.</summary>
    public long[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (ids, _, _) = tokenizers.Value!.Encode(TextNormalizer.Normalize(text), maxTokens);
        return ids.ToArray();
    }

    public void Dispose()
    {
        session.Dispose();
        tokenizers.Dispose();
    }

    private EncodedText[] EncodeCore(IReadOnlyList<string> texts, bool asQueries, bool withPieces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokenized = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? string.Empty;
            tokenized[i] = Tokenize(asQueries ? Model.QueryPrefix + text : text);
        }

        // Batches of similar length: sorted by token count, cut by size and by padded tokens.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].Length).ToArray();
        var batches = new List<int[]>();
        var current = new List<int>();
        foreach (var index in order)
        {
            var width = tokenized[index].Length;
            if (current.Count > 0 && (current.Count >= MaxBatchSize || (current.Count + 1) * width > MaxBatchTokens))
            {
                batches.Add([.. current]);
                current.Clear();
            }

            current.Add(index);
        }

        if (current.Count > 0)
        {
            batches.Add([.. current]);
        }

        var results = new EncodedText[texts.Count];
        if (batches.Count == 1)
        {
            RunBatch(batches[0], tokenized, results, withPieces, asQueries);
        }
        else
        {
            Parallel.ForEach(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                batch => RunBatch(batch, tokenized, results, withPieces, asQueries));
        }

        return results;
    }

    private void RunBatch(int[] batch, long[][] tokenized, EncodedText[] results, bool withPieces, bool asQueries)
    {
        var width = batch.Max(i => tokenized[i].Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        var types = new long[batch.Length * width];
        for (var b = 0; b < batch.Length; b++)
        {
            var tokens = tokenized[batch[b]];
            tokens.CopyTo(ids, b * width);
            mask.AsSpan(b * width, tokens.Length).Fill(1);
        }

        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(
            runOptions,
            ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue],
            ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimensions = Dimensions;
        for (var b = 0; b < batch.Length; b++)
        {
            var tokens = tokenized[batch[b]];
            var states = hidden.Slice(b * width * dimensions, width * dimensions);
            var vector = new float[dimensions];
            if (Model.Pooling == EncoderPooling.Cls)
            {
                states[..dimensions].CopyTo(vector);
            }
            else
            {
                for (var t = 0; t < tokens.Length; t++)
                {
                    TensorPrimitives.Add(vector, states.Slice(t * dimensions, dimensions), vector);
                }
            }

            Normalize(vector);
            results[batch[b]] = withPieces ? WithPieces(vector, tokens, states, asQueries) : new EncodedText(vector, [], [], dimensions);
        }
    }

    /// <summary>The pieces between [CLS] and [SEP] (after the query prefix, for a query) with their normalised states.</summary>
    private EncodedText WithPieces(float[] vector, long[] tokens, ReadOnlySpan<float> states, bool asQueries)
    {
        var dimensions = Dimensions;
        var first = 1 + (asQueries ? PrefixLength : 0);
        var count = Math.Max(0, tokens.Length - 1 - first);
        var pieces = new string[count];
        var pieceVectors = new float[count * dimensions];
        for (var p = 0; p < count; p++)
        {
            var token = tokens[first + p];
            pieces[p] = token >= 0 && token < vocabulary.Length ? vocabulary[token] : "[UNK]";
            var target = pieceVectors.AsSpan(p * dimensions, dimensions);
            states.Slice((first + p) * dimensions, dimensions).CopyTo(target);
            Normalize(target);
        }

        return new EncodedText(vector, pieces, pieceVectors, dimensions);
    }

    private int PrefixLength => prefixLength ??= Model.QueryPrefix.Length == 0 ? 0 : Tokenize(Model.QueryPrefix).Length - 2;

    private int? prefixLength;

    private static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
