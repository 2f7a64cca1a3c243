using System.Globalization;
using System.Runtime.InteropServices;
using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>Reads the machine a run measured on: figures from a 2-core laptop and a 64-core server differ in kind.</summary>
public static class MachineDetection
{
    /// <summary>Reads host name, OS, CPU model (from /proc/cpuinfo on Linux), cores and total memory.</summary>
    public static MachineInfo Detect()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(
            Environment.MachineName,
            RuntimeInformation.OSDescription,
            ProcessorModel(),
            Environment.ProcessorCount,
            Math.Round(memory, 1, MidpointRounding.AwayFromZero));
    }

    private static string ProcessorModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            foreach (var line in File.ReadLines(cpuInfo))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString().ToLower(CultureInfo.InvariantCulture);
    }
}
