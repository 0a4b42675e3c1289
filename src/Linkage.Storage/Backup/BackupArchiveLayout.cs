using System.Buffers.Binary;
using System.Text;

namespace Linkage.Storage.Backup;

/// <summary>
/// The archive is a POSIX tar (ustar) file, so that it opens with ordinary tools years later: <c>manifest.json</c>,
/// then each file the manifest lists in its order, then <c>archive.sha256</c> with the SHA-256 of every byte before
/// its own header, then the two zero blocks that end a tar. Sizes of 8 GiB and more are written in the base-256 form
/// GNU tar and bsdtar read. This class is the header block and its checks; the reader and writer walk the entries.
/// </summary>
public static class BackupArchiveLayout
{
    public const string ManifestEntry = "manifest.json";
    public const string DigestEntry = "archive.sha256";
    public const int Block = 512;

    private const long LargestOctalSize = (1L << 33) - 1; // 11 octal digits
    private static readonly byte[] Magic = "ustar\0"u8.ToArray();

    /// <summary>Zero bytes after an entry's data up to the next block.</summary>
    public static int Padding(long size) => (int)((Block - size % Block) % Block);

    public static byte[] Header(string name, long size, DateTimeOffset modified)
    {
        var header = new byte[Block];
        Encoding.ASCII.GetBytes(name, header.AsSpan(0, 100));
        Octal(header.AsSpan(100, 8), 0b110_000_000); // 0600: the archive holds a database
        Octal(header.AsSpan(108, 8), 0);
        Octal(header.AsSpan(116, 8), 0);
        if (size <= LargestOctalSize) Octal(header.AsSpan(124, 12), size);
        else
        {
            header[124] = 0x80;
            BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(128, 8), size);
        }
        Octal(header.AsSpan(136, 12), Math.Max(0, modified.ToUnixTimeSeconds()));
        header[156] = (byte)'0';
        Magic.CopyTo(header, 257);
        header[263] = header[264] = (byte)'0';
        Octal(header.AsSpan(329, 8), 0);
        Octal(header.AsSpan(337, 8), 0);
        var sum = Checksum(header);
        Octal(header.AsSpan(148, 7), sum);
        header[155] = (byte)' ';
        return header;
    }

    /// <summary>The name and size of a header block, after its checksum and the fields this layout writes.</summary>
    public static (string Name, long Size) Read(ReadOnlySpan<byte> header, string where)
    {
        if (!TryOctal(header.Slice(148, 8), out var recorded) || recorded != Checksum(header))
            throw BackupRefusals.Damaged($"The tar header of {where} fails its checksum.");
        if (header[156] != (byte)'0' || !header.Slice(257, 6).SequenceEqual(Magic) || header[263] != '0' || header[264] != '0')
            throw BackupRefusals.Damaged($"The tar header of {where} is not a plain ustar file entry.");
        var nameField = header[..100];
        var end = nameField.IndexOf((byte)0);
        var name = Encoding.ASCII.GetString(end < 0 ? nameField : nameField[..end]);
        long size;
        if ((header[124] & 0x80) != 0)
        {
            size = BinaryPrimitives.ReadInt64BigEndian(header.Slice(128, 8));
            if (header[124] != 0x80 || header.Slice(125, 3).IndexOfAnyExcept((byte)0) >= 0 || size < 0)
                throw BackupRefusals.Damaged($"The tar header of {where} has an unreadable size.");
        }
        else if (!TryOctal(header.Slice(124, 12), out size))
            throw BackupRefusals.Damaged($"The tar header of {where} has an unreadable size.");
        return (name, size);
    }

    private static long Checksum(ReadOnlySpan<byte> header)
    {
        long sum = 0;
        for (var i = 0; i < Block; i++) sum += i is >= 148 and < 156 ? ' ' : header[i];
        return sum;
    }

    // Right-aligned octal digits with leading zeros, ended by one NUL.
    private static void Octal(Span<byte> field, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        if (digits.Length > field.Length - 1) throw new ArgumentOutOfRangeException(nameof(value));
        Encoding.ASCII.GetBytes(digits, field);
        field[^1] = 0;
    }

    private static bool TryOctal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0) break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7' || digits == 21) return false;
            value = value * 8 + (b - '0');
            digits++;
        }
        return digits > 0;
    }
}
