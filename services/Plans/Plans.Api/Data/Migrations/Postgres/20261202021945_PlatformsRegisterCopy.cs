using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredPlatforms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredTenants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    PlatformId = table.Column<Guid>(type: "uuid", nullable: false),
                    GraduatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
