using Linkage.Network.Sim;

await HubApp.Create(args).RunAsync();
