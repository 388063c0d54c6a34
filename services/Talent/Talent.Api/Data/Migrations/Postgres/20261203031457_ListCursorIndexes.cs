using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talent.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListCursorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recognitions_Programme_Status",
                table: "Recognitions");

            migrationBuilder.DropIndex(
                name: "IX_People_EmployerCreditCode",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_Nationality",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_Programme_Status_Id",
                table: "Recognitions",
                columns: new[] { "Programme", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_People_EmployerCreditCode_Id",
                table: "People",
                columns: new[] { "EmployerCreditCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_People_Nationality_Id",
                table: "People",
                columns: new[] { "Nationality", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recognitions_Programme_Status_Id",
                table: "Recognitions");

            migrationBuilder.DropIndex(
                name: "IX_People_EmployerCreditCode_Id",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_Nationality_Id",
                table: "People");

            migrationBuilder.CreateIndex(
                name: "IX_Recognitions_Programme_Status",
                table: "Recognitions",
                columns: new[] { "Programme", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_People_EmployerCreditCode",
                table: "People",
                column: "EmployerCreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_People_Nationality",
                table: "People",
                column: "Nationality");
        }
    }
}
