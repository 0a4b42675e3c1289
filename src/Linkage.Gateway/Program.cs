using Linkage.Gateway;

var app = GatewayApp.Create(args);
await app.RunAsync();
