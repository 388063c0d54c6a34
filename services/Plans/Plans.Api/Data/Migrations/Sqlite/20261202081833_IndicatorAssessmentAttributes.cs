using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorAssessmentAttributes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MunicipalOutline",
                table: "Indicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "MunicipalPerformance",
                table: "Indicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Nature",
                table: "Indicators",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MunicipalOutline",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "MunicipalPerformance",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "Nature",
                table: "Indicators");
        }
    }
}
