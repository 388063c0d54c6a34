using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TaskAdjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TaskCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: false),
                    After = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AdjustedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaskAdjustments_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaskAdjustments_TaskId_AdjustedOn",
                table: "TaskAdjustments",
                columns: new[] { "TaskId", "AdjustedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaskAdjustments");
        }
    }
}
