using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlatformCopyFiltersAndApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Abroad",
                table: "RegisteredPlatforms",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApprovedOn",
                table: "RegisteredPlatforms",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Designations",
                table: "RegisteredPlatforms",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "EnterpriseHosted",
                table: "RegisteredPlatforms",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Abroad",
                table: "RegisteredPlatforms");

            migrationBuilder.DropColumn(
                name: "ApprovedOn",
                table: "RegisteredPlatforms");

            migrationBuilder.DropColumn(
                name: "Designations",
                table: "RegisteredPlatforms");

            migrationBuilder.DropColumn(
                name: "EnterpriseHosted",
                table: "RegisteredPlatforms");
        }
    }
}
