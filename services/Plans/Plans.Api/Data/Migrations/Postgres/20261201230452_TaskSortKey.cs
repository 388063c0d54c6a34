using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaskSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Tasks",
                type: "character varying(324)",
                maxLength: 324,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_PlanCode_SortKey",
                table: "Tasks",
                columns: new[] { "PlanCode", "SortKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_PlanCode_SortKey",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Tasks");
        }
    }
}
