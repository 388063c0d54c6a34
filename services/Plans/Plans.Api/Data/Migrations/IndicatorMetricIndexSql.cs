using Microsoft.EntityFrameworkCore.Migrations;

namespace Plans.Api.Data.Migrations;

/// <summary>
/// The roll-up across plans finds the indicators bound to a register metric by the Metric column; the column is part of
/// the indicator's annotations (a complex property, which the model does not index), so the index is made in SQL, the
/// same on SQLite and PostgreSQL.
/// </summary>
internal static class IndicatorMetricIndexSql
{
    public static void Create(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""CREATE INDEX "IX_Indicators_Metric" ON "Indicators" ("Metric");""");

    public static void Drop(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""DROP INDEX "IX_Indicators_Metric";""");
}
