using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialZoneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises",
                columns: new[] { "ZoneCode", "CreditCode" },
                filter: "\"ZoneCode\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises",
                columns: new[] { "ZoneCode", "CreditCode" });
        }
    }
}
