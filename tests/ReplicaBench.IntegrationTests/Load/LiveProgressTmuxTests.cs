using System.Diagnostics;
using System.Text.RegularExpressions;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// The live view as a person sees it: the real <c>load</c> on a terminal (a tmux pane of its own
/// server socket), its screen read with <c>capture-pane</c> while the second cell measures. Needs
/// tmux; without it the test skips, except in CI (<c>REPLICABENCH_REQUIRE_POSTGRES=1</c>, whose
/// prerequisites script installs tmux), where that is a failure.
/// </summary>
public sealed partial class LiveProgressTmuxTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _socket = "rb-it-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _runs = Directory.CreateTempSubdirectory("rb-it-tmux-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Tmux("kill-server");
        Directory.Delete(_runs, recursive: true);
    }

    [Fact]
    public async Task The_live_view_shows_one_progress_bar_with_an_eta_and_the_measuring_cell_as_its_caption()
    {
        if (Tmux("-V") is null)
        {
            var reason = "tmux is not installed ('apt-get install tmux')";
            if (PostgresRequirement.IsRequired)
            {
                Assert.Fail($"{PostgresRequirement.EnvironmentVariable}=1 (CI) but {reason}");
            }

            Assert.Skip(reason);
        }

        _ = fixture.Topology;
        var output = Path.Combine(_runs, "run");
        string[] load =
        [
            "dotnet", typeof(ReplicaBenchCli).Assembly.Location, "load", "--state-dir", fixture.StateDirectory.Path, "--scenario", "point-read",
            "--policy", "primary-only,round-robin", "--vus", "2", "--duration", "3s", "--warmup", "0s", "--generator-warmup", "0s", "--seed-rows", "1000", "--visibility-probe", "off", "--out", output,
        ];
        var command = "LANG=C.UTF-8 " + string.Join(' ', load.Select(Quote)) + "; echo \"EXITED $?\"; sleep 120";
        Assert.NotNull(Tmux("new-session", "-d", "-x", "180", "-y", "50", command));

        // Read the screen until the second cell measures (or the run ends, which fails below).
        var screen = "";
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            screen = Tmux("capture-pane", "-p") ?? "";
            if (screen.Contains("cell 2/2 r2-round-robin: measuring", StringComparison.Ordinal) || screen.Contains("EXITED", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(150, Token);
        }

        var bars = screen.Split('\n').Where(line => BarLine().IsMatch(line)).ToList();
        var bar = Assert.Single(bars);
        Assert.Contains("cell 2/2 r2-round-robin: measuring", bar, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(screen, "ETA "));
        Assert.DoesNotContain("seeding", bar, StringComparison.Ordinal);

        // Let the run end normally: the shared topology is left as it was.
        while (!screen.Contains("EXITED", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(250, Token);
            screen = Tmux("capture-pane", "-p", "-S", "-100") ?? "";
        }

        Assert.Contains("EXITED 0", screen, StringComparison.Ordinal);
    }

    /// <summary>One progress line: a 30-character bar, a share, and an ETA.</summary>
    [GeneratedRegex(@"\[[█░#.]{30}\]\s+\d{1,3}%  ETA \d+[smh]")]
    private static partial Regex BarLine();

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Runs tmux on this test's own server socket; its stdout, or null when it failed or is missing.</summary>
    private string? Tmux(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(_socket);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
