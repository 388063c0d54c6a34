using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TargetAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TargetAdjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    After = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AdjustedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TargetAdjustments_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TargetAdjustments_IndicatorId_AdjustedOn",
                table: "TargetAdjustments",
                columns: new[] { "IndicatorId", "AdjustedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TargetAdjustments");
        }
    }
}
