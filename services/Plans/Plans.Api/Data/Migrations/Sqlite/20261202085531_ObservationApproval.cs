using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ObservationApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ApprovedAt",
                table: "Observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "Observations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Observations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Approved");

            migrationBuilder.AddColumn<long>(
                name: "SubmittedAt",
                table: "Observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Observations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnapprovalReason",
                table: "Observations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UnapprovedAt",
                table: "Observations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnapprovedBy",
                table: "Observations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Figures recorded before approval existed were counted as they came: they stay counted (approved);
            // a register's figures need no approval.
            migrationBuilder.Sql("UPDATE \"Observations\" SET \"Status\" = 'Automatic' WHERE \"Origin\" = 'Metric'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "UnapprovalReason",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "UnapprovedAt",
                table: "Observations");

            migrationBuilder.DropColumn(
                name: "UnapprovedBy",
                table: "Observations");
        }
    }
}
