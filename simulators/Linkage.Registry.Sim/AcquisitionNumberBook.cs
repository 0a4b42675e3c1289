using System.Collections.Concurrent;
using System.Security.Cryptography;
using Linkage.Domain.Errors;
using Linkage.Sim.Population;
using Microsoft.Extensions.Options;

namespace Linkage.Registry.Sim;

/// <summary>
/// The registry's residents (individual number → resident code) and the acquisition numbers it has handed out:
/// random, one-time, short-lived.
/// </summary>
public sealed class AcquisitionNumberBook
{
    private readonly Dictionary<string, string> _residentCodes;
    private readonly ConcurrentDictionary<string, Issued> _issued = new();
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private long _issueCount;

    private sealed class Issued(string residentCode, DateTimeOffset expiresAt)
    {
        public string ResidentCode { get; } = residentCode;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public int Redeemed;
    }

    public AcquisitionNumberBook(IOptions<RegistryOptions> options, TimeProvider clock)
    {
        var population = new SyntheticPopulation(options.Value.PopulationSize, options.Value.PopulationSeed);
        _residentCodes = new Dictionary<string, string>(population.Size);
        for (var i = 0; i < population.Size; i++)
            _residentCodes[population.IndividualNumberOf(i)] = population.ResidentCodeOf(i);
        _lifetime = options.Value.AcquisitionNumberLifetime;
        _clock = clock;
    }

    public (string Number, DateTimeOffset ExpiresAt) Issue(string? individualNumber)
    {
        if (!IndividualNumber.IsValid(individualNumber))
            throw DomainException.InvalidField("individual_number", ErrorReasons.MalformedCode,
                "An individual number is 12 digits with a valid check digit.");
        if (!_residentCodes.TryGetValue(individualNumber!, out var residentCode))
            throw new DomainException(ErrorKind.NotFound, ErrorReasons.PersonUnknown, "No resident has this individual number.");

        if (Interlocked.Increment(ref _issueCount) % 4096 == 0) Sweep();
        var expiresAt = _clock.GetUtcNow() + _lifetime;
        while (true)
        {
            var number = RandomDigits();
            if (_issued.TryAdd(number, new Issued(residentCode, expiresAt))) return (number, expiresAt);
        }
    }

    // 16 unpredictable digits from one draw of the system RNG: a bulk load issues hundreds of thousands of them.
    private static string RandomDigits()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes) % 10_000_000_000_000_000UL).ToString("D16");
    }

    public string Redeem(string? acquisitionNumber)
    {
        if (acquisitionNumber is null || !_issued.TryGetValue(acquisitionNumber, out var issued))
            throw new DomainException(ErrorKind.NotFound, ErrorReasons.AcquisitionNumberUnknown, "This acquisition number was never issued.");
        if (_clock.GetUtcNow() >= issued.ExpiresAt)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AcquisitionNumberExpired, "This acquisition number has expired.");
        if (Interlocked.Exchange(ref issued.Redeemed, 1) == 1)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.AcquisitionNumberUsed, "This acquisition number was already used.");
        return issued.ResidentCode;
    }

    /// <summary>Forgets numbers well past expiry so that memory stays bounded during a long run.</summary>
    private void Sweep()
    {
        var cutoff = _clock.GetUtcNow() - _lifetime;
        foreach (var (number, issued) in _issued)
            if (issued.ExpiresAt < cutoff) _issued.TryRemove(number, out _);
    }
}
