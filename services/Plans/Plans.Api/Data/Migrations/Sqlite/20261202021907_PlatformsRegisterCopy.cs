using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlatformsRegisterCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisteredPlatforms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredPlatforms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredTenants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    PlatformId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GraduatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredTenants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredTenants_PlatformId",
                table: "RegisteredTenants",
                column: "PlatformId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegisteredPlatforms");

            migrationBuilder.DropTable(
                name: "RegisteredTenants");
        }
    }
}
