using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CultivationPool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CultivationPool",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    MissingCount = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CultivationPool", x => new { x.CreditCode, x.Year });
                    table.ForeignKey(
                        name: "FK_CultivationPool_Enterprises_CreditCode",
                        column: x => x.CreditCode,
                        principalTable: "Enterprises",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CultivationPoolState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ThroughYear = table.Column<int>(type: "integer", nullable: false),
                    HeldAsOf = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CultivationPoolState", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CultivationPool_Year_MissingCount_Name_CreditCode",
                table: "CultivationPool",
                columns: new[] { "Year", "MissingCount", "Name", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CultivationPool_Year_RegionCode_MissingCount_Name_CreditCode",
                table: "CultivationPool",
                columns: new[] { "Year", "RegionCode", "MissingCount", "Name", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CultivationPool_Year_ZoneCode_MissingCount_Name_CreditCode",
                table: "CultivationPool",
                columns: new[] { "Year", "ZoneCode", "MissingCount", "Name", "CreditCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CultivationPool");

            migrationBuilder.DropTable(
                name: "CultivationPoolState");
        }
    }
}
