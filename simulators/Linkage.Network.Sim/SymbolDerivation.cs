using System.Security.Cryptography;
using System.Text;

namespace Linkage.Network.Sim;

/// <summary>
/// 機関別符号 without a table: a person's symbol for an institution is one AES block of the person's root
/// (the registry's resident code), under a key derived from the hub's secret and the institution code. Symbols of
/// two institutions are unrelated to anyone without the secret; the hub alone can translate one into the other.
/// The individual number takes no part in it.
/// </summary>
public sealed class SymbolDerivation(byte[] hubSecret)
{
    private const string Marker = "R";

    public string SymbolFor(string institutionCode, string residentCode) => SymbolsFor(institutionCode, [residentCode])[0];

    /// <summary>Many symbols for one institution with one key schedule: bulk loads derive hundreds of thousands.</summary>
    public IReadOnlyList<string> SymbolsFor(string institutionCode, IReadOnlyList<string> residentCodes)
    {
        using var aes = Aes.Create();
        aes.Key = KeyFor(institutionCode);
        var symbols = new string[residentCodes.Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            var block = Encoding.ASCII.GetBytes((Marker + residentCodes[i]).PadRight(16, '.'));
            symbols[i] = Convert.ToHexString(aes.EncryptEcb(block, PaddingMode.None));
        }
        return symbols;
    }

    /// <summary>The root behind a symbol, or null for a symbol this hub never issued to that institution.</summary>
    public string? RootOf(string institutionCode, string symbol)
    {
        if (symbol.Length != 32) return null;
        byte[] cipher;
        try { cipher = Convert.FromHexString(symbol); }
        catch (FormatException) { return null; }
        using var aes = Aes.Create();
        aes.Key = KeyFor(institutionCode);
        var text = Encoding.ASCII.GetString(aes.DecryptEcb(cipher, PaddingMode.None));
        var root = text.TrimEnd('.');
        return root.Length == 12 && root.StartsWith(Marker, StringComparison.Ordinal) && root[1..].All(char.IsAsciiDigit) && text.Length == 16
            ? root[1..] : null;
    }

    private byte[] KeyFor(string institutionCode) =>
        HMACSHA256.HashData(hubSecret, Encoding.ASCII.GetBytes("symbol-key|" + institutionCode));
}
