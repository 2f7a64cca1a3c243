using System.Text.Json;
using Microsoft.Playwright;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.BrowserTests;

/// <summary>
/// <c>report/index.html</c> as a reader gets it: opened from disk in headless Chromium (the system's,
/// through Playwright). run-full is a fixture with a 0-replica cell and microbenchmarks;
/// run-emulated is a real quick run on emulated nodes (its results.json and latency.hlog files, as
/// <c>load</c> wrote them). Checks: no console error, every chart image decoded at the width charts
/// render (1,000 px), no request that leaves the file, each of the model's sections with exactly one
/// heading, and each chart's alt text. Leaves a full-page screenshot (see <see cref="ScreenshotArtifacts"/>).
/// </summary>
public sealed class ReportInBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const int ChartWidth = 1000;

    [Theory]
    [InlineData("run-full")]
    [InlineData("run-emulated")]
    public async Task The_report_renders_offline_with_every_chart_decoded_and_one_heading_per_section(string fixture)
    {
        BrowserRequirement.Ensure();
        var runDirectory = CopyFixture(fixture);
        var folder = RunFolderReader.Read(runDirectory);
        var output = ReportWriter.Write(folder);
        var charts = ReportCharts.Build(folder);
        var sections = HtmlReport.Sections(folder, output.Verdict, charts);

        await using var context = await chromium.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        var leaving = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            // The page itself is file://; its images are data: URIs inside it. Anything else would leave the file.
            var url = route.Request.Url;
            if (url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                leaving.Add(url);
                await route.AbortAsync();
            }
        });
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                leaving.Add(request.Url);
            }
        };

        await page.GotoAsync(new Uri(output.IndexHtml).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        var images = await page.EvalOnSelectorAllAsync<JsonElement>(
            "img", "images => images.map(i => ({ complete: i.complete, width: i.naturalWidth, height: i.naturalHeight, alt: i.getAttribute('alt') }))");
        Assert.Equal(charts.Count, images.GetArrayLength());
        for (var i = 0; i < charts.Count; i++)
        {
            var image = images[i];
            Assert.True(image.GetProperty("complete").GetBoolean(), $"image {i} ({charts[i].Name}) did not finish loading");
            Assert.Equal(ChartWidth, image.GetProperty("width").GetInt32());
            Assert.True(image.GetProperty("height").GetInt32() > 0, $"image {i} ({charts[i].Name}) decoded to no pixels");
            Assert.Equal(charts[i].AltText, image.GetProperty("alt").GetString());
            Assert.False(string.IsNullOrWhiteSpace(image.GetProperty("alt").GetString()));
        }

        Assert.Equal(sections.Count, await page.Locator("section").CountAsync());
        Assert.Equal(sections.Count, await page.Locator("h2").CountAsync());
        foreach (var section in sections)
        {
            var headings = page.Locator($"section[id='{section.Id}'] > h2");
            Assert.Equal(1, await headings.CountAsync());
            Assert.Equal(section.Heading, await headings.InnerTextAsync());
        }

        var screenshot = ScreenshotArtifacts.PathFor($"report-{fixture}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = screenshot });
        TestContext.Current.TestOutputHelper?.WriteLine($"full-page screenshot: {screenshot}");
        Console.WriteLine($"full-page screenshot: {screenshot}");

        Assert.Empty(consoleErrors);
        Assert.Empty(leaving);
        Assert.True(new FileInfo(screenshot).Length > 0);
        Directory.Delete(runDirectory, recursive: true);
    }

    private static string CopyFixture(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        var target = Path.Combine(Path.GetTempPath(), "replicabench-browser-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
