using Persistence;

namespace Enterprises.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteEnterprisesDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteEnterprisesDbContext>;

/// <summary>For <c>dotnet ef migrations add X --context PostgresEnterprisesDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresEnterprisesDbContext>;
