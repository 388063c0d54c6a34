using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            RegisterEngineData.CollapseAutomaticFigures(migrationBuilder);
            RegisterEngineData.LowerCaseRegisters(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_RegisteredQualifications_Type_Status",
                table: "RegisteredQualifications");

            migrationBuilder.DropIndex(
                name: "IX_RegisteredEnterprises_RegionCode",
                table: "RegisteredEnterprises");

            migrationBuilder.DropIndex(
                name: "IX_RegisteredEnterprises_ZoneCode",
                table: "RegisteredEnterprises");

            migrationBuilder.AddColumn<long>(
                name: "RevenueReportedAt",
                table: "RegisteredEnterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RevenueWan",
                table: "RegisteredEnterprises",
                type: "TEXT",
                precision: 20,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RevenueYear",
                table: "RegisteredEnterprises",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MetricCounts",
                columns: table => new
                {
                    Series = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricCounts", x => new { x.Series, x.District, x.Zone, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "RegisteredDesignations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Board = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredDesignations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Observations_IndicatorId_Year_Automatic",
                table: "Observations",
                columns: new[] { "IndicatorId", "Year" },
                unique: true,
                filter: "\"Origin\" = 'Metric'");

            migrationBuilder.CreateIndex(
                name: "IX_MetricCounts_Series_Zone_Day",
                table: "MetricCounts",
                columns: new[] { "Series", "Zone", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredDesignations_CreditCode",
                table: "RegisteredDesignations",
                column: "CreditCode");

            RegisterEngineData.CountEnterpriseCopy(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            RegisterEngineData.UpperCaseRegisters(migrationBuilder);

            migrationBuilder.DropTable(
                name: "MetricCounts");

            migrationBuilder.DropTable(
                name: "RegisteredDesignations");

            migrationBuilder.DropIndex(
                name: "IX_Observations_IndicatorId_Year_Automatic",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "RevenueReportedAt",
                table: "RegisteredEnterprises");

            migrationBuilder.DropColumn(
                name: "RevenueWan",
                table: "RegisteredEnterprises");

            migrationBuilder.DropColumn(
                name: "RevenueYear",
                table: "RegisteredEnterprises");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredQualifications_Type_Status",
                table: "RegisteredQualifications",
                columns: new[] { "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredEnterprises_RegionCode",
                table: "RegisteredEnterprises",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredEnterprises_ZoneCode",
                table: "RegisteredEnterprises",
                column: "ZoneCode");
        }
    }
}
