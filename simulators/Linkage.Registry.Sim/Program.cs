using Linkage.Registry.Sim;

await RegistryApp.Create(args).RunAsync();
