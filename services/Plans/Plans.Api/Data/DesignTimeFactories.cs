using Persistence;

namespace Plans.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqlitePlansDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqlitePlansDbContext>;

/// <summary>For <c>dotnet ef migrations add X --context PostgresPlansDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresPlansDbContext>;
