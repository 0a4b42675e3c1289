using System.Drawing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Linkage.Console.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven through Debian's chromedriver (named explicitly: no Selenium Manager, no
/// download), presenting the one certificate of its <see cref="NssProfile"/> without a dialog.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    /// <summary>Debian's paths; LINKAGE_CHROMIUM and LINKAGE_CHROMEDRIVER name others (or, pointed nowhere, show the skip).</summary>
    public static readonly string Chromium = Environment.GetEnvironmentVariable("LINKAGE_CHROMIUM") ?? "/usr/bin/chromium";
    public static readonly string ChromeDriver = Environment.GetEnvironmentVariable("LINKAGE_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
    public const string PolicyFolder = "/etc/chromium/policies/managed";
    private const string PolicyFile = PolicyFolder + "/linkage-console-tests.json";

    private readonly string _userData;

    public ChromiumBrowser(string consoleAddress, NssProfile profile)
    {
        ConsoleAddress = consoleAddress.TrimEnd('/');
        _userData = Path.Combine(profile.Home, "user-data");
        // Chromium finds the NSS database under $HOME; a wrapper gives this browser its own home without touching ours.
        var wrapper = Path.Combine(profile.Home, "chromium");
        File.WriteAllText(wrapper, $"#!/bin/sh\nHOME='{profile.Home}' exec {Chromium} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var options = new ChromeOptions { BinaryLocation = wrapper };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ja",
            "--window-size=1280,900", $"--user-data-dir={_userData}", "--no-first-run", "--disable-extensions");
        Downloads = Directory.CreateDirectory(Path.Combine(profile.Home, "downloads")).FullName;
        options.AddUserProfilePreference("download.default_directory", Downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Where the browser saves downloaded files.</summary>
    public string Downloads { get; }

    public string ConsoleAddress { get; }

    /// <summary>
    /// The managed policy that answers Chromium's certificate request for the console without a dialog. One file for
    /// every browser of the run: each profile holds a single certificate, so the empty filter picks that one.
    /// </summary>
    public static void WritePolicy(string consoleAddress)
    {
        Directory.CreateDirectory(PolicyFolder);
        var pattern = System.Text.Json.JsonSerializer.Serialize(new { pattern = consoleAddress.TrimEnd('/'), filter = new { } });
        File.WriteAllText(PolicyFile, System.Text.Json.JsonSerializer.Serialize(new { AutoSelectCertificateForUrls = new[] { pattern } }));
    }

    public static void RemovePolicy() => File.Delete(PolicyFile);

    /// <summary>サインイン: the page names the certificate's member; confirmed, the menu appears.</summary>
    public void SignIn(string expectedName)
    {
        Open("/");
        WaitFor(d => d.FindElements(By.Id("certificate-staff")).Count > 0);
        Assert.Equal(expectedName, Find("#certificate-staff").Text);
        Find("#sign-in").Click();
        WaitFor(d => d.FindElements(By.Id("staff-name")).Count > 0);
    }

    public void Open(string path) => Driver.Navigate().GoToUrl(ConsoleAddress + path);

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public string PageText => Driver.FindElement(By.TagName("body")).Text;

    public void WaitFor(Func<IWebDriver, bool> condition, int seconds = 20) =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds)).Until(condition);

    /// <summary>A full-page PNG under TestResults/screenshots/, for whoever reviews the change to look at.</summary>
    public string Screenshot(string name)
    {
        var size = Driver.Manage().Window.Size;
        var height = Convert.ToInt32(Driver.ExecuteScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);"));
        Driver.Manage().Window.Size = new Size(size.Width, Math.Max(size.Height, height + 120));
        var path = Path.Combine(Screenshots.Folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        Driver.Manage().Window.Size = size;
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}

/// <summary>Where the scenarios' screenshots go: TestResults/screenshots/ at the repository's root.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Create();

    private static string Create()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Linkage.sln"))) directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
