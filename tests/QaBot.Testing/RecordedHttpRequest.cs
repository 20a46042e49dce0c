namespace QaBot.Testing;

/// <summary>A request as a fake server received it, for asserting what the code under test sent.</summary>
public sealed record RecordedHttpRequest(string Method, string Path, string? Authorization, string Body);
