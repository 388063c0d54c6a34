using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>The Enterprises service, keeping the text of every statement it runs.</summary>
public class EnterprisesWithStatements : EnterprisesApiFactory
{
    private readonly StatementLog statements = new();

    /// <summary>The text of every statement the service has run since the last <c>Clear</c>.</summary>
    public ConcurrentQueue<string> Statements => statements.Texts;

    /// <summary>Every read the service has run since the last <c>Clear</c>, with the values of its parameters.</summary>
    public ConcurrentQueue<(string Text, IReadOnlyDictionary<string, object?> Values)> Reads => statements.Reads;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(statements));
    }
}
