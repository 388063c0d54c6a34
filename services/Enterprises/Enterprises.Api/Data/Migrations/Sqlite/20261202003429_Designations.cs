using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Designations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Designations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Board = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    WithdrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DocumentReference = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Designations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Designations_Enterprises_CreditCode",
                        column: x => x.CreditCode,
                        principalTable: "Enterprises",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Designations_CreditCode_Kind",
                table: "Designations",
                columns: new[] { "CreditCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Designations_Current",
                table: "Designations",
                columns: new[] { "CreditCode", "Kind" },
                unique: true,
                filter: "\"EndedOn\" IS NULL AND NOT \"Withdrawn\"");

            migrationBuilder.CreateIndex(
                name: "IX_Designations_Kind_Id",
                table: "Designations",
                columns: new[] { "Kind", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Designations");
        }
    }
}
