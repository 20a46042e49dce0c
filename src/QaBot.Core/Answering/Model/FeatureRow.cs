using Microsoft.ML.Data;

namespace QaBot.Core.Answering.Model;

/// <summary>One (question, sentence) pair as ML.NET reads it: the features, the label and a weight.</summary>
internal sealed class FeatureRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];

    public float Weight { get; set; } = 1;
}

/// <summary>The calibrated probability the model gives a row.</summary>
internal sealed class FeaturePrediction
{
    [ColumnName("Probability")]
    public float Probability { get; set; }
}
