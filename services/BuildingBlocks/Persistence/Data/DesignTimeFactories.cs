using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Persistence;

/// <summary>
/// What <c>dotnet ef migrations add</c> needs to build a provider's context without the running
/// service. A service declares one per provider context:
/// <c>internal sealed class SqliteFactory : SqliteDesignTimeFactory&lt;SqlitePlansDbContext&gt;;</c>
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        Create<TContext>(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options);

    internal static T Create<T>(DbContextOptions<T> options) where T : DbContext =>
        (T)Activator.CreateInstance(typeof(T), options)!;
}

/// <inheritdoc cref="SqliteDesignTimeFactory{TContext}"/>
public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        SqliteDesignTimeFactory<TContext>.Create(new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
