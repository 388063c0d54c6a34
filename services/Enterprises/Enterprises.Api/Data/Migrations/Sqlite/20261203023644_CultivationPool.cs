using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Sqlite
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
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    MissingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ThroughYear = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldAsOf = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
