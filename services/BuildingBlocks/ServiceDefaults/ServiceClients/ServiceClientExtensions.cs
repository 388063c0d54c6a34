using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.ServiceClients;

public static class ServiceClientExtensions
{
    /// <summary>
    /// Makes an HTTP client call another service as an OAuth2 client (<see cref="ClientCredentialsHandler"/>),
    /// with retries: up to three, with a growing pause, on 5xx, 408, 429, a refused connection or a
    /// timed-out attempt; ten seconds per attempt and thirty for the whole call. The retries sit inside
    /// the token handler, so every attempt (and the token request) is retried, and a 401 from the
    /// target fetches a new token once around them.
    /// </summary>
    /// <remarks>
    /// A call the pipeline gives up on throws <see cref="HttpRequestException"/> (the last failure),
    /// <see cref="Polly.Timeout.TimeoutRejectedException"/> (out of time) or, after many failures,
    /// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> (the circuit is open for a while):
    /// all of them <see cref="Polly.ExecutionRejectedException"/> but the first.
    /// </remarks>
    public static IHttpClientBuilder AddClientCredentials(this IHttpClientBuilder builder, Action<ClientCredentialsOptions> configure)
    {
        var name = builder.Name;
        builder.Services.AddOptions<ClientCredentialsOptions>(name).Configure(configure)
            .Validate(o => o.IsValid, $"Client credentials of '{name}': TokenUrl must be an absolute http(s) URL, with a ClientId and a ClientSecret.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ClientCredentialsTokens>();
        builder.AddHttpMessageHandler(services => new ClientCredentialsHandler(name, services.GetRequiredService<ClientCredentialsTokens>(),
            services.GetRequiredService<IOptionsMonitor<ClientCredentialsOptions>>()));
        builder.AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.MaxRetryAttempts = 3;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(500);
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        });
        // The pipeline's total timeout is the limit; the client's own would cut it short.
        builder.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }
}
