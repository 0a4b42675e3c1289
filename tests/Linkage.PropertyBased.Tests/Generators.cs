using FsCheck;
using FsCheck.Fluent;

namespace Linkage.PropertyBased.Tests;

/// <summary>Values as the network's contracts shape them, and text of every kind a caller may send.</summary>
public static class Generators
{
    public static Gen<string> Digits(int count) =>
        Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), count).Select(c => new string(c));

    public static Gen<string> Code(string prefix, int digits) => Digits(digits).Select(d => prefix + d);

    public static Gen<string> Institution => Digits(16);

    public static Gen<string> AsciiAlphanumeric(int min, int max) =>
        from length in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray()), length)
        select new string(chars);

    /// <summary>
    /// Well-formed text: ASCII with the CSV's and the wire's special characters, Japanese, and characters outside the
    /// basic plane as surrogate pairs. Lone surrogates are left to <see cref="AnyText"/>: UTF-8 cannot carry them.
    /// </summary>
    public static Gen<string> Text =>
        Gen.ListOf(Gen.OneOf(
                Gen.Elements('"', ',', '\r', '\n', '\t', ' ', '=', '\\', '\0').Select(c => c.ToString()),
                Gen.Choose(0x20, 0x7e).Select(c => ((char)c).ToString()),
                Gen.Choose(0x3041, 0x30ff).Select(c => ((char)c).ToString()),
                Gen.Choose(0x4e00, 0x9fff).Select(c => ((char)c).ToString()),
                Gen.Choose(0x1f300, 0x1faff).Select(char.ConvertFromUtf32)))
            .Select(parts => string.Concat(parts));

    /// <summary>Any string at all, lone surrogates included.</summary>
    public static Gen<string> AnyText => ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    public static Gen<byte[]> Bytes => ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []);

    public static Gen<byte[]> BytesOf(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    public static Gen<DateOnly> Day => Gen.Choose(0, 365 * 30).Select(d => new DateOnly(2010, 1, 1).AddDays(d));

    /// <summary>Flips bit <paramref name="bit"/> (counted over the whole array) of a copy of <paramref name="bytes"/>.</summary>
    public static byte[] FlipBit(byte[] bytes, int bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
