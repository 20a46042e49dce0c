namespace QaBot.Core.Answering.Training;

/// <summary>What the composer would have answered for one case, scored as <c>qabot eval</c> scores it.</summary>
/// <param name="BestIsAnswer">The most probable candidate holds an expected answer (whether or not the composer answered).</param>
public sealed record SimulatedOutcome(string Group, bool Answerable, bool Declined, bool Correct, int CitedInSources, int Cited, double Confidence, bool Partial, bool BestIsAnswer);
