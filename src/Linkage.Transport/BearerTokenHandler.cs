using System.Net.Http.Headers;

namespace Linkage.Transport;

/// <summary>Adds a staff session's token to every call of a channel, beside the certificate the TLS layer presents.</summary>
public sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
