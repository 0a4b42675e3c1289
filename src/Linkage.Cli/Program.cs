using Grpc.Core;
using Linkage.Cli;
using Linkage.Cli.Commands;

const string Usage = """
    linkage <command> [--option value ...]

      dev-certs  [--dir certs-dev]                       make the development CA, certificates and secrets (keeps existing ones)
      health     --address URL --cert PATH               grpc.health.v1 status of a gateway or simulator
      inquire    --gateway URL --cert PATH --person IAN --provider CODE [--information TM...]
      stats      --gateway URL --cert PATH               business statistics (administrator)
      records    --gateway URL --cert PATH [--after N] [--count N]
      verify     --gateway URL --cert PATH               verify the provision record chain (auditor)

    --cert PATH names a PEM pair PATH.pem / PATH.key; the CA is ca.pem beside it unless --ca is given.
    """;

if (args.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
try
{
    var options = new Arguments(args.Skip(1));
    return args[0] switch
    {
        "dev-certs" => DevCertsCommand.Run(options),
        "health" => await HealthCommand.RunAsync(options),
        "inquire" => await InquireCommand.RunAsync(options),
        "stats" => await AdministrationCommands.StatsAsync(options),
        "records" => await AdministrationCommands.RecordsAsync(options),
        "verify" => await AdministrationCommands.VerifyAsync(options),
        _ => throw new ArgumentException($"Unknown command '{args[0]}'."),
    };
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (RpcException error)
{
    var reason = error.GetRpcStatus()?.Details.Select(d => d.TryUnpack<Google.Rpc.ErrorInfo>(out var info) ? info.Reason : null)
        .FirstOrDefault(r => r is not null);
    Console.Error.WriteLine($"{error.StatusCode}{(reason is null ? "" : $" ({reason})")}: {error.Status.Detail}");
    return 1;
}
