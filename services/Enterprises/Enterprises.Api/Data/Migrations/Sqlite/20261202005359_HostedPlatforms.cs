using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Sqlite
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
                    PlatformId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
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
