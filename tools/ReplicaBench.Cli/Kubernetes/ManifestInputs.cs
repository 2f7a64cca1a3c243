using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>The one-line refusals of <c>k8s manifest</c>'s own options (the load flags are <see cref="LoadFlagCheck"/>'s).</summary>
internal static partial class ManifestInputs
{
    /// <summary>One process per shard is what a sharded run is for; one agent is an ordinary <c>load</c>, and merge joins at least 2.</summary>
    public const int MinAgents = 2;

    /// <summary>The run's name becomes NAME-load, whose pods are NAME-load-INDEX-RANDOM: well under the 63 characters of a label.</summary>
    public const int MaxNameLength = 40;

    public static void EnsureAgents(int agents)
    {
        if (agents is < MinAgents or > ReplicaBench.Engine.Sharding.ShardSpec.MaxShards)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--agents {agents} is not a number of agents: give {MinAgents} to {ReplicaBench.Engine.Sharding.ShardSpec.MaxShards} (one pod per shard; for one agent run 'replicabench load' in one pod)."));
        }
    }

    public static void EnsureImage(string image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace) || image.StartsWith('-'))
        {
            throw new BadInputException($"--image '{image}' is not an image reference; give the image built from the repository's Dockerfile, e.g. --image registry.example.com/replicabench:1.0.");
        }
    }

    public static void EnsureName(string name)
    {
        if (name.Length > MaxNameLength || !DnsLabel().IsMatch(name))
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--name '{name}' is not a run name: use 1 to {MaxNameLength} lower-case letters, digits and '-', starting and ending with a letter or digit (it names the Jobs NAME-load and NAME-merge)."));
        }
    }

    /// <summary>A Kubernetes object name (DNS-1123 subdomain) given for <paramref name="option"/>.</summary>
    public static void EnsureObjectName(string? name, string option)
    {
        if (name is not null && (name.Length > 253 || !DnsSubdomain().IsMatch(name)))
        {
            throw new BadInputException($"{option} '{name}' is not a Kubernetes object name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }
    }

    /// <summary>A Kubernetes quantity (1, 500m, 2Gi, ...), as the API server would read it.</summary>
    public static void EnsureQuantity(string? text, string option, string example)
    {
        if (text is null)
        {
            return;
        }

        try
        {
            if (!Quantity().IsMatch(text) || new ResourceQuantity(text).ToDecimal() <= 0)
            {
                throw new FormatException();
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new BadInputException($"{option} '{text}' is not a Kubernetes quantity; write e.g. {example}.");
        }
    }

    /// <summary>
    /// The start instant: the one given (which must be ahead, or the shards would each start at
    /// once, apart), else now plus the lead time, to the next whole second.
    /// </summary>
    public static string StartAt(string? given, string? leadTime, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (given is not null)
        {
            if (leadTime is not null)
            {
                throw new BadInputException("--start-at and --lead-time both set the start; give one.");
            }

            var shard = ReplicaBench.Engine.Sharding.ShardSpec.Parse("1/2", given)!;
            if (shard.StartAt <= now)
            {
                throw new BadInputException($"--start-at {given} has passed; the pods could not start their cells together: give a later instant, or --lead-time.");
            }

            return given;
        }

        var lead = ReplicaBench.Configuration.DurationParser.Parse(leadTime ?? DefaultLeadTime, "--lead-time");
        if (lead < TimeSpan.FromSeconds(30))
        {
            throw new BadInputException($"--lead-time {leadTime} leaves the pods no time to be scheduled, pull the image and connect; give at least 30s.");
        }

        var start = now + lead;
        start = new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        return start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    public const string DefaultLeadTime = "3m";

    public const string DefaultDeadline = "24h";

    /// <summary>
    /// activeDeadlineSeconds counts from when Kubernetes starts the Job (when it is applied), which
    /// this command cannot know: the deadline must cover the wait until --start-at and the matrix.
    /// </summary>
    public static long DeadlineSeconds(string text)
    {
        var deadline = ReplicaBench.Configuration.DurationParser.Parse(text, "--deadline");
        if (deadline < TimeSpan.FromMinutes(1))
        {
            throw new BadInputException($"--deadline {text} would stop the Jobs before a run could finish; give the time from applying the manifest to the end of the matrix, e.g. 24h.");
        }

        return (long)Math.Ceiling(deadline.TotalSeconds);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    // The API server's quantity grammar: a decimal number and an optional binary, decimal or exponent suffix.
    [GeneratedRegex("^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?$")]
    private static partial Regex Quantity();
}
