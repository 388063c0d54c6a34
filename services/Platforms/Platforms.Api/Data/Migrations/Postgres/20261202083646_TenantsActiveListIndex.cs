using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platforms.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TenantsActiveListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tenants_GraduatedOn_Id",
                table: "Tenants",
                columns: new[] { "GraduatedOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_GraduatedOn_Id",
                table: "Tenants");
        }
    }
}
