namespace Linkage.Sim.Population;

/// <summary>
/// A reproducible synthetic city: resident <c>i</c> of a given seed is always the same person, so the registry,
/// the address system and the health system agree without sharing a file. Identifiers come from affine bijections
/// of the index, so they are unique without a look-up.
/// </summary>
public sealed class SyntheticPopulation
{
    public const int DefaultSize = 155_000;
    public const int DefaultSeed = 20261126;

    /// <summary>The day the population describes: residence periods end before it, ages are counted to it.</summary>
    public static readonly DateOnly AsOf = new(2026, 4, 1);

    /// <summary>About this share of residents have left the city (消除) and keep only their history.</summary>
    public const double LeftShare = 0.015;

    private const long ElevenDigits = 100_000_000_000L;
    private const long TenDigits = 10_000_000_000L;

    public SyntheticPopulation(int size = DefaultSize, int seed = DefaultSeed)
    {
        if (size is < 1 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(size));
        Size = size;
        Seed = seed;
    }

    public int Size { get; }
    public int Seed { get; }

    public IEnumerable<Resident> All() => Enumerable.Range(0, Size).Select(Get);

    public Resident Get(int index)
    {
        if (index < 0 || index >= Size) throw new ArgumentOutOfRangeException(nameof(index));
        var random = new Random(StableSeed(Seed, index, 0));
        var sex = random.Next(2) == 0 ? 'M' : 'F';
        var (family, familyKana) = Names.Family[Weighted(random, Names.Family.Length)];
        var given = sex == 'M' ? Names.Male : Names.Female;
        var (givenName, givenKana) = given[random.Next(given.Length)];
        var birth = BirthDate(random);
        var address = Address(random);
        var (start, end) = Residence(index, birth);
        return new Resident(
            index,
            IndividualNumberOf(index),
            ResidentCodeOf(index),
            family, givenName, familyKana, givenKana, sex,
            birth, address, start, end);
    }

    /// <summary>Whether resident <paramref name="index"/> has left the city (消除), without building the whole resident.</summary>
    public bool HasLeft(int index) => ResidenceRandom(index).NextDouble() < LeftShare;

    public string IndividualNumberOf(int index) =>
        IndividualNumber.Complete(Affine(index, 48_271_318_657L, 10_000_000_000L + Seed, ElevenDigits).ToString("D11"));

    public string ResidentCodeOf(int index) =>
        Affine(index, 69_069_113_471L, 31_415_926_535L + Seed, ElevenDigits).ToString("D11");

    /// <summary>The internal address number (団体内統合宛名番号) a municipality gives this resident: 15 digits.</summary>
    public string InternalAddressNumberOf(int index, string municipalityPrefix) =>
        municipalityPrefix.Length == 5 && municipalityPrefix.All(char.IsAsciiDigit)
            ? municipalityPrefix + Affine(index, 7_919_413_333L, 1_234_567_891L + Seed, TenDigits).ToString("D10")
            : throw new ArgumentException("A municipality prefix is five digits.", nameof(municipalityPrefix));

    // Residence has its own random stream (whose first draw decides "left"), so HasLeft needs no names or dates.
    private Random ResidenceRandom(int index) => new(StableSeed(Seed, index, 1));

    private (DateOnly Start, DateOnly? End) Residence(int index, DateOnly birth)
    {
        var random = ResidenceRandom(index);
        var left = random.NextDouble() < LeftShare;
        var livedDays = AsOf.DayNumber - birth.DayNumber;
        // About half were born here; the others moved in at some point of their life.
        var start = random.Next(2) == 0 ? birth : birth.AddDays(random.Next(0, Math.Max(livedDays, 1)));
        if (!left) return (start, null);
        var stayed = AsOf.DayNumber - start.DayNumber;
        return (start, start.AddDays(random.Next(0, Math.Max(stayed, 1))));
    }

    // System.HashCode is randomised per process; the registry, address system and health system run in different
    // processes and must agree on every resident, so seeds are mixed with a fixed function (SplitMix64).
    private static int StableSeed(int seed, int index, int stream)
    {
        var z = unchecked((ulong)(uint)seed << 32 ^ (uint)index ^ (ulong)stream << 61) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    // Multipliers are odd and not divisible by 5, hence coprime to powers of ten: index -> value is one-to-one.
    private static long Affine(int index, long multiplier, long offset, long modulus) =>
        (long)(((Int128)index * multiplier + offset) % modulus);

    // Family names are drawn with a skew like the real distribution: the common ones far more often.
    private static int Weighted(Random random, int count) => (int)(count * Math.Pow(random.NextDouble(), 2.2));

    private static DateOnly BirthDate(Random random)
    {
        // Ages 0-99 with the older-heavy shape of a Japanese city of this size.
        var age = random.NextDouble() switch
        {
            < 0.12 => random.Next(0, 15),
            < 0.30 => random.Next(15, 35),
            < 0.58 => random.Next(35, 60),
            < 0.88 => random.Next(60, 80),
            _ => random.Next(80, 100),
        };
        return AsOf.AddYears(-age).AddDays(-random.Next(0, 365));
    }

    private static string Address(Random random)
    {
        var (town, blocks) = Names.Towns[random.Next(Names.Towns.Length)];
        return $"茨城県ひたちなか市{town}{random.Next(1, blocks + 1)}丁目{random.Next(1, 30)}番{random.Next(1, 20)}号";
    }
}
