using System.Globalization;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// The POSIX shell the pods run (<c>/bin/sh -c SCRIPT</c>). A shell because Kubernetes gives an
/// Indexed Job's pod its 0-based <c>JOB_COMPLETION_INDEX</c> and <c>--shard</c> is 1-based: the
/// arithmetic needs one. Everything substituted here is a name checked to be [a-z0-9-] or a number;
/// the user's load flags never are — they arrive as the script's positional parameters ("$@"), so no
/// value is ever re-parsed by the shell.
/// </summary>
internal static class PodScripts
{
    /// <summary>$0 of the load script; the load flags follow it in the container's args.</summary>
    public const string LoadScriptName = "replicabench-shard";

    /// <summary>
    /// One shard: verify the endpoints into its own state dir, allowing writes (inside the suite's
    /// schema only: shard 1 seeds and marks the seed, and every shard runs the mix's writes, so a
    /// shard that may not write fails a mix with writes), run its share of the load into the shared volume, and leave
    /// its exit code beside its folder whatever happened, for the merge to wait on. The shell is the
    /// container's PID 1, which ignores SIGTERM unless it handles it: it passes it on to load, so a
    /// deleted Job stops its shards cleanly (exit 130) instead of being killed after the grace period;
    /// a wait the signal interrupted (over 128 while load still runs) is waited again for load's own code.
    /// Exit 1 (the shard finished, with a threshold breached or arrivals dropped) leaves the pod
    /// succeeded: with backoffLimit 0 a failed pod fails the Job, and Kubernetes would then stop the
    /// other shards mid-run. The code on the volume stays 1, and the merge says so.
    /// </summary>
    public static string Load(ManifestSettings settings)
    {
        var run = ManifestPaths.RunFolder(settings);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            i=$((JOB_COMPLETION_INDEX + 1))
            mkdir -p {{run}} || exit 2
            finish() {
              echo "$1" > {{run}}/shard-$i.exit
              if [ "$1" -eq 1 ]; then echo "shard $i/{{settings.Agents}} finished with a threshold breached or arrivals dropped (exit 1); the pod succeeds so that the other shards run on" >&2; exit 0; fi
              exit "$1"
            }
            replicabench topology up --provider external --state-dir {{ManifestPaths.TopologyState}} --allow-writes || finish $?
            replicabench load --state-dir {{ManifestPaths.TopologyState}} --shard "$i/{{settings.Agents}}" --start-at {{settings.StartAt}} --out {{run}}/shard-$i "$@" &
            pid=$!
            trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
            wait "$pid"
            code=$?
            while [ "$code" -gt 128 ] && kill -0 "$pid" 2>/dev/null; do wait "$pid"; code=$?; done
            finish "$code"
            """);
    }

    /// <summary>
    /// The merge pod's init container: wait until every shard has left its exit code on the volume
    /// (the Job's activeDeadlineSeconds bounds the wait if a pod dies without one), then refuse to
    /// merge if a shard did not finish its run (0 = passed, 1 = finished with a threshold breached
    /// or dropped arrivals; anything else = no complete folder).
    /// </summary>
    public static string WaitForShards(ManifestSettings settings)
    {
        var run = ManifestPaths.RunFolder(settings);
        return string.Create(CultureInfo.InvariantCulture, $"""
            n={settings.Agents}
            while :; do
              finished=0
              i=1
              while [ "$i" -le "$n" ]; do
                if [ -f {run}/shard-$i.exit ]; then finished=$((finished + 1)); fi
                i=$((i + 1))
              done
              if [ "$finished" -eq "$n" ]; then break; fi
              echo "waiting for the shards: $finished of $n finished"
              sleep 10
            done
            i=1
            while [ "$i" -le "$n" ]; do
              code=$(cat {run}/shard-$i.exit)
              if [ "$code" != 0 ] && [ "$code" != 1 ]; then
                echo "shard $i/$n exited $code without a complete run folder; not merging (see its pod's log)" >&2
                exit 1
              fi
              i=$((i + 1))
            done
            i=1
            while [ "$i" -le "$n" ]; do
              if [ "$(cat {run}/shard-$i.exit)" = 1 ]; then echo "shard $i/$n finished with a threshold breached or arrivals dropped (exit 1); merging all the same"; fi
              i=$((i + 1))
            done
            echo "all $n shards finished"
            """);
    }

    /// <summary>The merge container: join the shard folders, then render the merged run's report.</summary>
    public static string Merge(ManifestSettings settings)
    {
        var run = ManifestPaths.RunFolder(settings);
        var shards = string.Join(' ', Enumerable.Range(1, settings.Agents).Select(i => string.Create(CultureInfo.InvariantCulture, $"{run}/shard-{i}")));
        return $"""
            replicabench merge {shards} --out {run}/merged --force || exit $?
            replicabench report {run}/merged
            """;
    }
}
