using System.ComponentModel.DataAnnotations;

namespace Linkage.Registry.Sim;

public sealed class RegistryOptions
{
    public const string Section = "Registry";

    [Range(1, 10_000_000)] public int PopulationSize { get; set; } = Linkage.Sim.Population.SyntheticPopulation.DefaultSize;
    public int PopulationSeed { get; set; } = Linkage.Sim.Population.SyntheticPopulation.DefaultSeed;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan AcquisitionNumberLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
