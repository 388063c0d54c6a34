using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Plans.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqlitePlansDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePlansDbContext>
{
    public SqlitePlansDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlansDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresPlansDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPlansDbContext>
{
    public PostgresPlansDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlansDbContext>().UseNpgsql("Host=localhost;Database=plans_design").Options);
}
