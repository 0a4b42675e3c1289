using System.Security.Cryptography;
using System.Text;

namespace Linkage.Storage.Backup;

/// <summary>
/// Writes the archive of <see cref="BackupArchiveLayout"/>: the manifest as given, each file's bytes as they are on
/// disk, and the digest of everything before it. It checks nothing against the manifest; <see cref="BackupCreator"/>
/// makes the manifest from the very files it passes here.
/// </summary>
public static class BackupArchiveWriter
{
    private const int BufferSize = 1 << 20;

    /// <param name="files">The files in the manifest's order, by path; each is stored under its file name.</param>
    public static async Task WriteAsync(Stream output, BackupManifest manifest, IReadOnlyList<string> files, CancellationToken ct)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var written = 0L;

        async Task Write(ReadOnlyMemory<byte> bytes)
        {
            digest.AppendData(bytes.Span);
            written += bytes.Length;
            await output.WriteAsync(bytes, ct);
        }

        var json = manifest.ToJson();
        await Write(BackupArchiveLayout.Header(BackupArchiveLayout.ManifestEntry, json.Length, manifest.CreatedAt));
        await Write(json);
        await Write(new byte[BackupArchiveLayout.Padding(json.Length)]);

        var buffer = new byte[BufferSize];
        foreach (var path in files)
        {
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var size = input.Length;
            await Write(BackupArchiveLayout.Header(Path.GetFileName(path), size, manifest.CreatedAt));
            var left = size;
            while (left > 0)
            {
                var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
                if (read == 0) throw new IOException($"{Path.GetFileName(path)} became shorter while it was archived.");
                await Write(buffer.AsMemory(0, read));
                left -= read;
            }
            await Write(new byte[BackupArchiveLayout.Padding(size)]);
        }

        var line = Encoding.ASCII.GetBytes(DigestLine(digest.GetHashAndReset(), written));
        await output.WriteAsync(BackupArchiveLayout.Header(BackupArchiveLayout.DigestEntry, line.Length, manifest.CreatedAt), ct);
        await output.WriteAsync(line, ct);
        await output.WriteAsync(new byte[BackupArchiveLayout.Padding(line.Length) + 2 * BackupArchiveLayout.Block], ct);
    }

    /// <summary>The content of <c>archive.sha256</c>: what <c>head -c BYTES archive | sha256sum</c> prints, and the count.</summary>
    public static string DigestLine(byte[] sha256, long bytes) => $"{Hex.Of(sha256)}  {bytes}\n";
}
