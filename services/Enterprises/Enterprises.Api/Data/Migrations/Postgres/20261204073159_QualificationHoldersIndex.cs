using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QualificationHoldersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_Type_CreditCode_Status_ExpiresOn_GrantedOn",
                table: "Qualifications",
                columns: new[] { "Type", "CreditCode", "Status", "ExpiresOn", "GrantedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Qualifications_Type_CreditCode_Status_ExpiresOn_GrantedOn",
                table: "Qualifications");
        }
    }
}
