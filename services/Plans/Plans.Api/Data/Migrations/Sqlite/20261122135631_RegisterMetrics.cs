using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Plans.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SchemaVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisterAuthorities",
                columns: table => new
                {
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Register = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Authoritative = table.Column<bool>(type: "INTEGER", nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterAuthorities", x => new { x.RegionCode, x.Register });
                    table.ForeignKey(
                        name: "FK_RegisterAuthorities_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredEnterprises",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ZoneCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredEnterprises", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredQualifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    GrantedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastEventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredQualifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_AppliedAt",
                table: "InboxMessages",
                column: "AppliedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_EventId",
                table: "OutboxMessages",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_PublishedAt",
                table: "OutboxMessages",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredEnterprises_RegionCode",
                table: "RegisteredEnterprises",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredEnterprises_ZoneCode",
                table: "RegisteredEnterprises",
                column: "ZoneCode");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredQualifications_CreditCode",
                table: "RegisteredQualifications",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredQualifications_Type_Status",
                table: "RegisteredQualifications",
                columns: new[] { "Type", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxMessages");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "RegisterAuthorities");

            migrationBuilder.DropTable(
                name: "RegisteredEnterprises");

            migrationBuilder.DropTable(
                name: "RegisteredQualifications");
        }
    }
}
