using Microsoft.Playwright;

namespace ReplicaBench.BrowserTests;

/// <summary>
/// One Playwright driver and one headless Chromium for the class's tests (starting them is most of a
/// test's time). Null when there is no Chromium: each test then skips or fails through
/// <see cref="BrowserRequirement.Ensure"/>.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserRequirement.ExecutablePath))
        {
            return;
        }

        // Playwright must use the system browser: never fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserRequirement.ExecutablePath,
            Headless = true,
            // CI runs as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
