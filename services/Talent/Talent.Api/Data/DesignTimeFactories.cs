using Persistence;

namespace Talent.Api.Data;

/// <summary>For <c>dotnet ef migrations add X --context SqliteTalentDbContext --output-dir Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : SqliteDesignTimeFactory<SqliteTalentDbContext>;

/// <summary>For <c>dotnet ef migrations add X --context PostgresTalentDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : PostgresDesignTimeFactory<PostgresTalentDbContext>;
