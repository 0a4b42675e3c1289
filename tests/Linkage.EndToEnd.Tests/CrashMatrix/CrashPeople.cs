using Linkage.Contracts.V1;
using Linkage.Testing;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>
/// The people of the crash matrix by number. The first <see cref="Answerable"/> have a copy and a symbol before the
/// load begins (every <see cref="HeldEvery"/>-th with a hold flag, so that their answers are held); the next
/// <see cref="WithoutCopy"/> only a symbol (no data). The load's batches register people further on, a range each.
/// </summary>
internal static class CrashPeople
{
    public const int Answerable = 40;
    public const int WithoutCopy = 10;
    public const int HeldEvery = 4;
    public static readonly string RecordKey = NetworkScenarios.OsteoporosisCopy(Person(0)).RecordKey;

    public static string Person(long number) => TestNetwork.HitachinakaPrefix + number.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A one-time number standing for the person (the test's hub issues the symbol from the number alone).</summary>
    public static string AcquisitionNumber(long number) => "9" + number.ToString("D15", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsHeld(int number) => number < Answerable && number % HeldEvery == 0;

    /// <summary>A first registration of the person's osteoporosis screening (record key <see cref="RecordKey"/>, version 1).</summary>
    public static Copy CopyOf(long number) => NetworkScenarios.OsteoporosisCopy(Person(number));

    public static AcquireSymbolRequest SymbolRequest(long number) =>
        new() { InternalAddressNumber = Person(number), AcquisitionNumber = AcquisitionNumber(number) };
}
