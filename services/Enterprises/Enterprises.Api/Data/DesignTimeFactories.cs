using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Enterprises.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteEnterprisesDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEnterprisesDbContext>
{
    public SqliteEnterprisesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEnterprisesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresEnterprisesDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEnterprisesDbContext>
{
    public PostgresEnterprisesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEnterprisesDbContext>().UseNpgsql("Host=localhost;Database=enterprises_design").Options);
}
