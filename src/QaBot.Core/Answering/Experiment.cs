using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings.Onnx;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>TEMPORARY: extra candidate features under QABOT_EXP_FEATURES=1, for ablation with the training dump.</summary>
public static class Experiment
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("QABOT_EXP_FEATURES") is "1" or "uv";

    private static readonly bool Uv = Environment.GetEnvironmentVariable("QABOT_EXP_FEATURES") == "uv";

    public static readonly string[] Names = Uv
        ? [.. Enumerable.Range(0, 384).Select(i => $"uv{i}")]
        : ["ctx_cos", "ctx_cos_gap", "mini_cos", "mini_cos_gap", "mini_soft_mean", "mini_soft_min", "mini_ctx_cos"];

    private static readonly Lazy<AnswerEncoder> Mini = new(() =>
    {
        var root = new QaBotRoot(QaBotPaths.FindRoot());
        var options = new OnnxEncoderOptions { Model = "MiniLM" };
        var files = OnnxModelProvisioner.Provision(OnnxEncoderModel.MiniLM, options, root, NullLogger.Instance);
        var encoder = new OnnxSentenceEncoder(OnnxEncoderModel.MiniLM, files, true);
        return new AnswerEncoder(() => encoder, "mini", 256L << 20);
    });

    public static float[][] Extend(float[][] rows, AnswerRequest request, IReadOnlyList<CandidateSentence> candidates, AnswerEncoder arctic, CancellationToken ct)
    {
        if (Uv)
        {
            var qv = arctic.EncodeQuestion(request.StandaloneQuery).Vector;
            var sv = arctic.EncodeSentences([.. candidates.Select(c => c.Text)], ct);
            return [.. rows.Select((r, i) => r.Concat(qv.Select((x, d) => x * sv[i].Vector[d] * 384)).ToArray())];
        }

        var q = arctic.EncodeQuestion(request.StandaloneQuery);
        var ctx = arctic.EncodeSentences([.. candidates.Select(c => (c.Previous + " " + c.Text).Trim())], ct);
        var mq = Mini.Value.EncodeQuestion(request.StandaloneQuery);
        var ms = Mini.Value.EncodeSentences([.. candidates.Select(c => c.Text)], ct);
        var mctx = Mini.Value.EncodeSentences([.. candidates.Select(c => (c.Previous + " " + c.Text).Trim())], ct);
        var ctxCos = ctx.Select(e => TensorPrimitives.Dot(q.Vector, e.Vector)).ToArray();
        var miniCos = ms.Select(e => TensorPrimitives.Dot(mq.Vector, e.Vector)).ToArray();
        var result = new float[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            var (mean, min) = Soft(mq, ms[i]);
            result[i] = [.. rows[i], ctxCos[i], ctxCos.Max() - ctxCos[i], miniCos[i], miniCos.Max() - miniCos[i], mean, min, TensorPrimitives.Dot(mq.Vector, mctx[i].Vector)];
        }

        return result;
    }

    private static (float, float) Soft(EncodedSentence q, EncodedSentence s)
    {
        if (q.WordCount == 0 || s.WordCount == 0)
        {
            return (0, 0);
        }

        float sum = 0, min = 1;
        for (var i = 0; i < q.WordCount; i++)
        {
            var best = -1f;
            for (var j = 0; j < s.WordCount; j++)
            {
                best = Math.Max(best, TensorPrimitives.Dot(q.WordVector(i), s.WordVector(j)));
            }

            sum += best;
            min = Math.Min(min, best);
        }

        return (sum / q.WordCount, min);
    }
}
