using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace QaBot.Core.Answering.Model;

/// <summary>
/// Fits the answer model: ML.NET FastTree binary classification (boosted regression trees with a
/// Platt calibrator) on (question, sentence) rows labelled 1 when the sentence holds the answer.
/// Deterministic for the same rows and seed.
/// </summary>
public static class AnswerModelTrainer
{
    public sealed record Settings(int Trees = 300, int Leaves = 16, int MinRowsPerLeaf = 40, double LearningRate = 0.05, int Seed = 1);

    public static AnswerModel Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool> labels, AnswerModelInfo info, Settings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(info);
        settings ??= new Settings();
        if (features.Count != labels.Count || features.Count == 0)
        {
            throw new ArgumentException("One label per row, and at least one row, are required.", nameof(labels));
        }

        var context = new MLContext(seed: settings.Seed);
        var rows = features.Select((f, i) => new FeatureRow { Features = f, Label = labels[i] }).ToList();
        var data = context.Data.LoadFromEnumerable(rows, AnswerModel.FeatureSchema(info.Features.Count));
        var trainer = context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinRowsPerLeaf,
            LearningRate = settings.LearningRate,
            NumberOfThreads = 1, // deterministic
            FeatureFraction = 1,
            Shrinkage = 1,
        });
        var transformer = trainer.Fit(data);
        return AnswerModel.FromTransformer(context, transformer, info);
    }
}
