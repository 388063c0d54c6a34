using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartialPoolZoneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode",
                table: "CultivationPool");

            migrationBuilder.CreateIndex(
                name: "IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode",
                table: "CultivationPool",
                columns: new[] { "Year", "ZoneCode", "MissingCount", "Name", "CreditCode" },
                filter: "\"ZoneCode\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode",
                table: "CultivationPool");

            migrationBuilder.CreateIndex(
                name: "IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode",
                table: "CultivationPool",
                columns: new[] { "Year", "ZoneCode", "MissingCount", "Name", "CreditCode" });
        }
    }
}
