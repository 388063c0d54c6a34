using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HostedPlatforms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HostedPlatforms",
                columns: table => new
                {
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    HostCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostedPlatforms", x => x.PlatformId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HostedPlatforms_HostCreditCode",
                table: "HostedPlatforms",
                column: "HostCreditCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HostedPlatforms");
        }
    }
}
