using System.Security.Cryptography;
using System.Text;

namespace Linkage.Storage.Backup;

/// <summary>
/// Reads an archive of <see cref="BackupArchiveLayout"/> strictly, extracting its files into a folder: every header's
/// checksum, every file's size and SHA-256 against the manifest, every byte before the digest entry against that
/// digest, zero padding and the end of the tar with nothing after it. So one flipped byte anywhere, or a cut, is
/// refused as damage naming where it is, and a caller that gets the manifest back has exactly the files it lists.
/// </summary>
public static class BackupArchiveReader
{
    private const int BufferSize = 1 << 20;
    private const int LargestDigestLine = 128;

    /// <param name="accept">Sees the manifest before any file is extracted, and throws to refuse the archive.</param>
    public static async Task<BackupManifest> ExtractAsync(string archivePath, string folder, CancellationToken ct,
        Action<BackupManifest>? accept = null)
    {
        await using var stream = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var input = new Input(stream);

        var (_, manifestSize) = await ReadHeaderAsync(input, BackupArchiveLayout.ManifestEntry, ct);
        if (manifestSize > BackupManifest.MaximumBytes)
            throw BackupRefusals.Damaged($"Its manifest claims {manifestSize} bytes, more than a manifest holds.");
        var json = new byte[manifestSize];
        await input.ReadAsync(json, BackupArchiveLayout.ManifestEntry, ct);
        await ReadPaddingAsync(input, manifestSize, BackupArchiveLayout.ManifestEntry, ct);
        var manifest = BackupManifest.Parse(json);
        accept?.Invoke(manifest);

        foreach (var file in manifest.Files)
        {
            var (_, size) = await ReadHeaderAsync(input, file.Name, ct);
            if (size != file.Size)
                throw BackupRefusals.Damaged($"{file.Name} holds {size} bytes where the manifest says {file.Size}.");
            var sha256 = await ExtractFileAsync(input, file, Path.Combine(folder, file.Name), ct);
            if (sha256 != file.Sha256)
                throw BackupRefusals.Damaged($"{file.Name} does not match the manifest: its SHA-256 is {sha256} where the manifest says {file.Sha256}.");
            await ReadPaddingAsync(input, size, file.Name, ct);
        }

        var covered = input.Position;
        var digest = input.FinishDigest();
        var (_, lineSize) = await ReadHeaderAsync(input, BackupArchiveLayout.DigestEntry, ct);
        if (lineSize > LargestDigestLine) throw BackupRefusals.Damaged($"Its {BackupArchiveLayout.DigestEntry} entry is too long to be a digest.");
        var line = new byte[lineSize];
        await input.ReadAsync(line, BackupArchiveLayout.DigestEntry, ct);
        await ReadPaddingAsync(input, lineSize, BackupArchiveLayout.DigestEntry, ct);
        var expected = BackupArchiveWriter.DigestLine(digest, covered);
        if (!line.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(expected)))
            throw BackupRefusals.Damaged(
                $"The SHA-256 of its first {covered} bytes is {Hex.Of(digest)}, which its {BackupArchiveLayout.DigestEntry} entry does not record.");

        var end = new byte[2 * BackupArchiveLayout.Block];
        await input.ReadAsync(end, "the end of the tar", ct);
        if (end.AsSpan().IndexOfAnyExcept((byte)0) >= 0) throw BackupRefusals.Damaged("The two zero blocks that end the tar are not zero.");
        if (await stream.ReadAsync(new byte[1], ct) != 0)
            throw BackupRefusals.Damaged($"It goes on after the end of the tar, at byte {input.Position}.");
        return manifest;
    }

    private static async Task<(string Name, long Size)> ReadHeaderAsync(Input input, string expected, CancellationToken ct)
    {
        var header = new byte[BackupArchiveLayout.Block];
        await input.ReadAsync(header, $"the header of {expected}", ct);
        if (header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            throw BackupRefusals.Damaged($"The tar ends where {expected} belongs.");
        var (name, size) = BackupArchiveLayout.Read(header, $"the entry where {expected} belongs");
        if (name != expected) throw BackupRefusals.Damaged($"It holds an entry named '{Printable(name)}' where {expected} belongs.");
        return (name, size);
    }

    private static async Task ReadPaddingAsync(Input input, long size, string entry, CancellationToken ct)
    {
        var padding = new byte[BackupArchiveLayout.Padding(size)];
        await input.ReadAsync(padding, $"the padding after {entry}", ct);
        if (padding.AsSpan().IndexOfAnyExcept((byte)0) >= 0) throw BackupRefusals.Damaged($"The padding after {entry} is not zero.");
    }

    /// <returns>The SHA-256 of the bytes extracted, in lower-case hex.</returns>
    private static async Task<string> ExtractFileAsync(Input input, BackupFile file, string path, CancellationToken ct)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var output = PrivateFiles.Create(path);
        var buffer = new byte[BufferSize];
        for (var left = file.Size; left > 0;)
        {
            var chunk = buffer.AsMemory(0, (int)Math.Min(buffer.Length, left));
            await input.ReadAsync(chunk, file.Name, ct);
            sha256.AppendData(chunk.Span);
            await output.WriteAsync(chunk, ct);
            left -= chunk.Length;
        }
        output.Flush(flushToDisk: true);
        return Hex.Of(sha256.GetHashAndReset());
    }

    private static string Printable(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '?').ToArray());

    /// <summary>The archive's bytes in order, counted, and hashed until the digest entry.</summary>
    private sealed class Input(Stream stream)
    {
        private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _hashing = true;

        public long Position { get; private set; }

        public async Task ReadAsync(Memory<byte> into, string where, CancellationToken ct)
        {
            var read = await stream.ReadAtLeastAsync(into, into.Length, throwOnEndOfStream: false, ct);
            Position += read;
            if (read < into.Length)
                throw BackupRefusals.Damaged($"It ends after {Position} bytes, inside {where}: the archive is truncated.");
            if (_hashing) _digest.AppendData(into.Span);
        }

        public byte[] FinishDigest()
        {
            _hashing = false;
            var hash = _digest.GetHashAndReset();
            _digest.Dispose();
            return hash;
        }
    }
}
