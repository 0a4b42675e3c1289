using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Console.Tests.Browser;

/// <summary>
/// A home folder for one Chromium with one staff certificate in its NSS database ($HOME/.pki/nssdb), as a staff
/// member's terminal holds one IC card; the test authority is trusted there for the gateway's server certificate.
/// </summary>
public sealed class NssProfile : IDisposable
{
    private NssProfile(string home) => Home = home;

    public string Home { get; }

    public static NssProfile Create(string authorityPem, string certificatePem, string keyPem)
    {
        var home = Directory.CreateTempSubdirectory("linkage-chromium-").FullName;
        var database = Path.Combine(home, ".pki", "nssdb");
        Directory.CreateDirectory(database);
        Run("/usr/bin/certutil", "-N", "-d", $"sql:{database}", "--empty-password");
        Run("/usr/bin/certutil", "-A", "-d", $"sql:{database}", "-n", "linkage-test-ca", "-t", "CT,,", "-i", authorityPem);
        const string password = "linkage-test";
        var p12 = Path.Combine(home, "staff.p12");
        using (var certificate = X509Certificate2.CreateFromPemFile(certificatePem, keyPem))
            File.WriteAllBytes(p12, certificate.Export(X509ContentType.Pkcs12, password));
        Run("/usr/bin/pk12util", "-i", p12, "-d", $"sql:{database}", "-W", password, "-K", "");
        return new NssProfile(home);
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(tool)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Home, recursive: true); }
        catch (IOException) { /* the browser may still be closing; temp is cleaned by the OS */ }
    }
}
