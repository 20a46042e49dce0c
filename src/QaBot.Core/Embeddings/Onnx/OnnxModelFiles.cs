namespace QaBot.Core.Embeddings.Onnx;

/// <summary>The files an <see cref="OnnxSentenceEncoder"/> runs: the ONNX graph and the WordPiece vocabulary.</summary>
public sealed record OnnxModelFiles(string ModelPath, string VocabularyPath);
