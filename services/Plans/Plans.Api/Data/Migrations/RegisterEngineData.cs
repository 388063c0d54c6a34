using Microsoft.EntityFrameworkCore.Migrations;

namespace Plans.Api.Data.Migrations;

/// <summary>
/// The data steps of the RegisterEngine migration, the same SQL on SQLite and PostgreSQL, called by
/// both providers' migrations: a point-in-time transformation of the rows as they were, not code the
/// service runs again.
/// </summary>
internal static class RegisterEngineData
{
    /// <summary>
    /// Keeps the latest automatic observation of each indicator and year (the one recorded last, of two
    /// recorded in the same instant the later row), before the index that allows only one is made.
    /// </summary>
    public static void CollapseAutomaticFigures(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DELETE FROM "Observations"
        WHERE "Origin" = 'Metric' AND EXISTS (
            SELECT 1 FROM "Observations" AS later
            WHERE later."IndicatorId" = "Observations"."IndicatorId" AND later."Year" = "Observations"."Year" AND later."Origin" = 'Metric'
              AND (later."RecordedAt" > "Observations"."RecordedAt"
                   OR (later."RecordedAt" = "Observations"."RecordedAt" AND later."Id" > "Observations"."Id")));
        """);

    /// <summary>Registers are named as their sources name them (enterprises), no longer as an enum member (Enterprises).</summary>
    public static void LowerCaseRegisters(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE "RegisterAuthorities" SET "Register" = lower("Register");""");

    public static void UpperCaseRegisters(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE "RegisterAuthorities" SET "Register" = upper(substr("Register", 1, 1)) || substr("Register", 2);""");

    /// <summary>
    /// The counters of the enterprise copy as it stands (no revenue nor designation is known yet):
    /// per enterprise and type not revoked, one <c>qualified</c> dated by the latest end; per
    /// qualification not revoked, one <c>granted</c> dated by its grant. What the enterprise source's
    /// contributions make of the same rows.
    /// </summary>
    public static void CountEnterpriseCopy(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        INSERT INTO "MetricCounts" ("Series", "District", "Zone", "Day", "Count")
        SELECT c."Series", c."District", c."Zone", c."Day", COUNT(*)
        FROM (
            SELECT 'enterprises.qualified:' || q."Type" AS "Series", e."RegionCode" AS "District", COALESCE(e."ZoneCode", '') AS "Zone",
                   MAX(q."ExpiresOn") AS "Day"
            FROM "RegisteredQualifications" AS q JOIN "RegisteredEnterprises" AS e ON e."CreditCode" = q."CreditCode"
            WHERE q."Status" <> 'Revoked'
            GROUP BY q."CreditCode", q."Type", e."RegionCode", e."ZoneCode"
            UNION ALL
            SELECT 'enterprises.granted:' || q."Type", e."RegionCode", COALESCE(e."ZoneCode", ''), q."GrantedOn"
            FROM "RegisteredQualifications" AS q JOIN "RegisteredEnterprises" AS e ON e."CreditCode" = q."CreditCode"
            WHERE q."Status" <> 'Revoked'
        ) AS c
        GROUP BY c."Series", c."District", c."Zone", c."Day";
        """);
}
