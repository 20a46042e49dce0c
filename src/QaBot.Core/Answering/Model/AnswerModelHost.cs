using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Answering.Model;

/// <summary>The process's answer model (<see cref="AnsweringOptions.ModelPath"/>), loaded on first use, and the thresholds in force.</summary>
public sealed class AnswerModelHost
{
    private readonly Lazy<AnswerModel> model;
    private readonly AnsweringOptions options;

    public AnswerModelHost(IOptions<AnsweringOptions> options, QaBotRoot root)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        this.options = options.Value;
        ModelPath = Resolve(this.options.ModelPath, root);
        model = new Lazy<AnswerModel>(() => AnswerModel.Load(ModelPath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A host over a model already in memory (tests, and the training command's held-out folds).</summary>
    public AnswerModelHost(AnswerModel model, AnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        ModelPath = "(in memory)";
        this.model = new Lazy<AnswerModel>(model);
    }

    public string ModelPath { get; }

    /// <summary>
    /// A relative model path against the QaBot root (so a model re-fitted in the repository is used at
    /// once), else against the application's folder, where the build copies the shipped model (so a root
    /// elsewhere — another corpus, a test's temp folder — still finds it).
    /// </summary>
    public static string Resolve(string modelPath, QaBotRoot root)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(root);
        var atRoot = root.Resolve(modelPath);
        if (Path.IsPathRooted(modelPath) || File.Exists(atRoot))
        {
            return atRoot;
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, modelPath);
        return File.Exists(shipped) ? shipped : atRoot;
    }

    public AnswerModel Model => model.Value;

    /// <summary>Whether <see cref="Model"/> has been read from its file (the bot warms it up at start).</summary>
    public bool IsLoaded => model.IsValueCreated;

    /// <summary>The configured thresholds, each falling back to the one the model was fitted with.</summary>
    public AnswerThresholds Thresholds => new(
        options.DeclineThreshold ?? Model.Info.DeclineThreshold,
        Math.Max(options.DeclineThreshold ?? Model.Info.DeclineThreshold, options.ConfidentThreshold ?? Model.Info.ConfidentThreshold),
        options.ExtraSentenceRatio ?? Model.Info.ExtraSentenceRatio,
        options.SameDocumentRatio ?? Model.Info.SameDocumentRatio);
}
