using System.Globalization;

namespace QaBot.Cli.Bench;

/// <summary>Resident and peak resident memory of a process, from Linux's <c>/proc/PID/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes, or null when /proc is not available.</summary>
    public static long? PeakWorkingSet(int processId) => ReadKilobytes(processId, "VmHWM:");

    /// <summary>Current resident set size (VmRSS) in bytes, or null when /proc is not available.</summary>
    public static long? WorkingSet(int processId) => ReadKilobytes(processId, "VmRSS:");

    /// <summary>
    /// Proportional set size (Pss) and anonymous memory from <c>/proc/PID/smaps_rollup</c>, in bytes: Pss counts a
    /// page mapped several times (the database file mapped by each pooled SQLite connection) once.
    /// </summary>
    public static (long? Pss, long? Anonymous) Rollup(int processId)
    {
        long? pss = null, anonymous = null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    pss = Kilobytes(line, "Pss:");
                }
                else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
                {
                    anonymous = Kilobytes(line, "Anonymous:");
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return (pss, anonymous);
    }

    /// <summary>Resets the kernel's peak-RSS mark of this process so the next peak is measured from now.</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Environment.ProcessId}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long? ReadKilobytes(int processId, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return Kilobytes(line, key);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static long Kilobytes(string line, string key) =>
        long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}
