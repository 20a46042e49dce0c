using Microsoft.ML;
using Microsoft.ML.Data;

namespace QaBot.Core.Answering.Model;

/// <summary>
/// The learned answer model: gradient-boosted trees (ML.NET FastTree) over <see cref="AnswerFeatures"/>,
/// with a Platt calibration, giving each candidate sentence the probability that it answers the
/// question. The best candidate's probability is the confidence that the articles answer at all.
/// Fitted by <c>qabot train</c>; the file and its description live in <c>models/</c>. Thread-safe.
/// </summary>
public sealed class AnswerModel
{
    private readonly MLContext context;
    private readonly ITransformer transformer;
    private readonly SchemaDefinition schema;

    private AnswerModel(MLContext context, ITransformer transformer, AnswerModelInfo info)
    {
        this.context = context;
        this.transformer = transformer;
        Info = info;
        schema = FeatureSchema(info.Features.Count);
    }

    public AnswerModelInfo Info { get; }

    /// <summary>Loads <paramref name="modelPath"/> (the .zip) and its description (the .json beside it); checks the features match this build's.</summary>
    public static AnswerModel Load(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var infoPath = Path.ChangeExtension(modelPath, ".json");
        if (!File.Exists(modelPath) || !File.Exists(infoPath))
        {
            throw new FileNotFoundException(
                $"The answer model '{modelPath}' (and its description '{infoPath}') was not found. It ships in the repository's models/ folder; "
                + "`qabot train` fits it again, and QaBot:Answering:ModelPath points at another copy.",
                modelPath);
        }

        var info = AnswerModelInfo.Read(infoPath);
        if (!info.Features.SequenceEqual(AnswerFeatures.Names))
        {
            throw new InvalidDataException(
                $"The answer model '{modelPath}' was fitted on other features ({info.Features.Count}) than this build computes ({AnswerFeatures.Count}): "
                + "run `qabot train` to fit it again.");
        }

        var context = new MLContext(seed: 1);
        using var stream = File.OpenRead(modelPath);
        var transformer = context.Model.Load(stream, out _);
        return new AnswerModel(context, transformer, info);
    }

    internal static AnswerModel FromTransformer(MLContext context, ITransformer transformer, AnswerModelInfo info) => new(context, transformer, info);

    /// <summary>The probability of each row (a candidate's features) answering the question.</summary>
    public float[] Predict(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var data = context.Data.LoadFromEnumerable(rows.Select(r => new FeatureRow { Features = r }), schema);
        var scored = transformer.Transform(data);
        return [.. scored.GetColumn<float>("Probability")];
    }

    /// <summary>Writes the model (<paramref name="modelPath"/>, a .zip) and its description (the .json beside it), each through a temporary file.</summary>
    public void Save(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(modelPath))!);
        var inputSchema = context.Data.LoadFromEnumerable(new List<FeatureRow>(), schema).Schema;
        var temporary = modelPath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            context.Model.Save(transformer, inputSchema, stream);
        }

        File.Move(temporary, modelPath, overwrite: true);
        var infoPath = Path.ChangeExtension(modelPath, ".json");
        Info.Write(infoPath + ".tmp");
        File.Move(infoPath + ".tmp", infoPath, overwrite: true);
    }

    /// <summary>The same trees with another description (thresholds chosen after fitting).</summary>
    public AnswerModel WithInfo(AnswerModelInfo info) => new(context, transformer, info);

    internal static SchemaDefinition FeatureSchema(int count)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, count);
        return schema;
    }
}
