using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <summary>The index of the indicators' register metric (a column of a complex property, which the model cannot index): see <see cref="IndicatorMetricIndexSql"/>.</summary>
    [DbContext(typeof(SqlitePlansDbContext))]
    [Migration("20261202163500_IndicatorMetricIndex")]
    public partial class IndicatorMetricIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => IndicatorMetricIndexSql.Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => IndicatorMetricIndexSql.Drop(migrationBuilder);
    }
}
