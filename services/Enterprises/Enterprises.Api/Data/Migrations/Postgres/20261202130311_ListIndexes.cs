using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_RegionCode",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_ZoneCode",
                table: "Enterprises");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Qualifications_Type_Id",
                table: "Qualifications",
                columns: new[] { "Type", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Industry_CreditCode",
                table: "Enterprises",
                columns: new[] { "Industry", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name_CreditCode",
                table: "Enterprises",
                columns: new[] { "Name", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name_Trigrams",
                table: "Enterprises",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_NameEn_Trigrams",
                table: "Enterprises",
                column: "NameEn")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_RegionCode_CreditCode",
                table: "Enterprises",
                columns: new[] { "RegionCode", "CreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises",
                columns: new[] { "ZoneCode", "CreditCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Qualifications_Type_Id",
                table: "Qualifications");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Industry_CreditCode",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name_CreditCode",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name_Trigrams",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_NameEn_Trigrams",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_RegionCode_CreditCode",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_ZoneCode_CreditCode",
                table: "Enterprises");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name",
                table: "Enterprises",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_RegionCode",
                table: "Enterprises",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ZoneCode",
                table: "Enterprises",
                column: "ZoneCode");
        }
    }
}
