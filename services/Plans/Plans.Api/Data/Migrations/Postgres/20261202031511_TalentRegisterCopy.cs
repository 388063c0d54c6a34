using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TalentRegisterCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisteredCommissioners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TalentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AppraisedYear = table.Column<int>(type: "integer", nullable: true),
                    AppraisedExcellent = table.Column<bool>(type: "boolean", nullable: false),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredCommissioners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredRecognitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Programme = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Foreign = table.Column<bool>(type: "boolean", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    RevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastEventAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredRecognitions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredCommissioners_TalentId",
                table: "RegisteredCommissioners",
                column: "TalentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegisteredCommissioners");

            migrationBuilder.DropTable(
                name: "RegisteredRecognitions");
        }
    }
}
