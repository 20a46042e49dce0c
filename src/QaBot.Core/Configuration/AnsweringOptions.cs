using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>How answers are composed and when QaBot declines.</summary>
public sealed class AnsweringOptions
{
    public const string SectionName = "QaBot:Answering";

    /// <summary>"Extractive" (offline default) or "SemanticKernel" (an LLM, see QaBot:Llm).</summary>
    [Required]
    public string Composer { get; set; } = "Extractive";

    /// <summary>The learned answer model (<c>qabot train</c> fits it); its description is the .json beside it.</summary>
    [Required]
    public string ModelPath { get; set; } = "models/answer-model.zip";

    /// <summary>
    /// Below this confidence (the model's probability that the best sentence answers) QaBot declines.
    /// Empty: the threshold chosen on held-out articles when the model was fitted (see models/README.md);
    /// <c>qabot eval --threshold-sweep</c> shows the trade-off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? DeclineThreshold { get; set; }

    /// <summary>Below this confidence (and above the decline threshold) the answer says the articles only partly cover the question. Empty: the model's.</summary>
    [Range(0.0, 1.0)]
    public double? ConfidentThreshold { get; set; }

    /// <summary>A sentence of another article joins the answer when its probability is at least this share of the best one's. Empty: the model's.</summary>
    [Range(0.0, 1.0)]
    public double? ExtraSentenceRatio { get; set; }

    /// <summary>A sentence of the best one's article joins the answer when its probability is at least this share of the best one's. Empty: the model's.</summary>
    [Range(0.0, 1.0)]
    public double? SameDocumentRatio { get; set; }

    /// <summary>Candidate sentences the model scores per question (the best by a cheap lexical score); bounds the encoder's work.</summary>
    [Range(1, 500)]
    public int MaxCandidates { get; set; } = 40;

    /// <summary>Most sentences in an extractive answer.</summary>
    [Range(1, 10)]
    public int MaxSentences { get; set; } = 3;

    /// <summary>Most characters of answer text (whole sentences are kept; later ones are dropped).</summary>
    [Range(100, 20_000)]
    public int MaxAnswerChars { get; set; } = 700;

    /// <summary>Longest question accepted; longer ones are politely refused.</summary>
    [Range(10, 100_000)]
    public int MaxQuestionChars { get; set; } = 2_000;

    /// <summary>
    /// Retrievals run at once; more wait their turn. Retrieval is CPU- and SQLite-bound, so more than
    /// a few per core adds no throughput, only pooled connections (each maps the database into memory).
    /// 0 means two per processor.
    /// </summary>
    [Range(0, 1024)]
    public int MaxConcurrentRetrievals { get; set; }

    /// <summary>
    /// The bot loads the answer model and the sentence encoder when it starts, beside indexing, so its
    /// first question does not wait about a second for them. Off: they load on the first question.
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Earlier turns of a conversation used to understand a follow-up.</summary>
    [Range(0, 50)]
    public int MaxHistoryTurns { get; set; } = 6;
}
