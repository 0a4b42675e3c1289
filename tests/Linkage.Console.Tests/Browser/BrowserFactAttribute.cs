namespace Linkage.Console.Tests.Browser;

/// <summary>
/// A test in a real Chromium. Where the browser or its tools are missing the test is reported as skipped, with the
/// command that installs them: never as passed.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Install = "apt-get install -y chromium chromium-driver libnss3-tools fonts-noto-cjk";

    public BrowserFactAttribute()
    {
        if (Missing() is { } reason) Skip = reason;
    }

    public static string? Missing()
    {
        string[] tools = [ChromiumBrowser.Chromium, ChromiumBrowser.ChromeDriver, "/usr/bin/pk12util", "/usr/bin/certutil"];
        var absent = tools.Where(tool => !File.Exists(tool)).ToList();
        if (absent.Count > 0) return $"Needs {string.Join(", ", absent)}: run `{Install}` (as root).";
        try
        {
            Directory.CreateDirectory(ChromiumBrowser.PolicyFolder);
            var probe = Path.Combine(ChromiumBrowser.PolicyFolder, ".linkage-probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return $"Needs write access to {ChromiumBrowser.PolicyFolder} for the AutoSelectCertificateForUrls policy (run as root).";
        }
        return null;
    }
}
