namespace QaBot.Core.Ingestion;

/// <summary>
/// What a corpus file looks like without reading it: its size and last-write time. A file whose stamp
/// is the one recorded when it was indexed is taken to hold the same bytes.
/// </summary>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastWriteUtcTicks">Last-write time, UTC, in ticks.</param>
public readonly record struct FileStamp(long Length, long LastWriteUtcTicks);
