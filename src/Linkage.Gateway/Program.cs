using Linkage.Gateway;
using Linkage.Gateway.Platform;

// One institution's gateway, or a platform node hosting many of them when "Platform" is configured (ADR 0011).
var app = PlatformNode.IsConfigured(args) ? PlatformNode.Create(args) : GatewayApp.Create(args);
await app.RunAsync();
