using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platforms.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListCursorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RevocationProposals_Status",
                table: "RevocationProposals");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_PlatformId_Id",
                table: "Tenants",
                columns: new[] { "PlatformId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RevocationProposals_Status_Id",
                table: "RevocationProposals",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_PlatformId_Id",
                table: "Tenants");

            migrationBuilder.DropIndex(
                name: "IX_RevocationProposals_Status_Id",
                table: "RevocationProposals");

            migrationBuilder.CreateIndex(
                name: "IX_RevocationProposals_Status",
                table: "RevocationProposals",
                column: "Status");
        }
    }
}
