using System.Globalization;

namespace QaBot.Cli.Bench;

/// <summary>Resident and peak resident memory of a process, from Linux's <c>/proc/PID/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes, or null when /proc is not available.</summary>
    public static long? PeakWorkingSet(int processId) => ReadKilobytes(processId, "VmHWM:");

    /// <summary>Current resident set size (VmRSS) in bytes, or null when /proc is not available.</summary>
    public static long? WorkingSet(int processId) => ReadKilobytes(processId, "VmRSS:");

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
                    var value = line[key.Length..].Trim().Split(' ')[0];
                    return long.Parse(value, CultureInfo.InvariantCulture) * 1024;
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
}
