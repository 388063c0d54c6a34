using Persistence;

namespace Platforms.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqlitePlatformsDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqlitePlatformsDbContext>;

/// <summary>For <c>dotnet ef migrations add X --context PostgresPlatformsDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresPlatformsDbContext>;
