using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace Linkage.Hosting.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section, plus any sinks registered in DI (tests add one), with
    /// personal data redacted by type. The static logger is left alone: several hosts may share one process in tests.
    /// </summary>
    public static IServiceCollection AddLinkageLogging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog((provider, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(provider)
                .Destructure.With<PersonalDataRedactionPolicy>(),
            preserveStaticLogger: true);
}
