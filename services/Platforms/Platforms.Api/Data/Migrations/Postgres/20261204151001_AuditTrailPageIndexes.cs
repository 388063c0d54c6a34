using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platforms.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditTrailPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_ResourceType_ResourceKey",
                table: "AuditRecords");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ClientId_Id",
                table: "AuditRecords",
                columns: new[] { "ClientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ResourceKey_Id",
                table: "AuditRecords",
                columns: new[] { "ResourceKey", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_ClientId_Id",
                table: "AuditRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditRecords_ResourceKey_Id",
                table: "AuditRecords");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecords_ResourceType_ResourceKey",
                table: "AuditRecords",
                columns: new[] { "ResourceType", "ResourceKey" });
        }
    }
}
