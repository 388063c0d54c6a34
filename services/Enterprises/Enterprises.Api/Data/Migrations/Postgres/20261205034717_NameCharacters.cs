using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameCharacters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The names lowercase, a mark (U+01C2, a letter to pg_trgm) between them, before each character and at the end:
            // the trigrams of the result are the names' single characters and pairs of characters (EnterpriseNameSearch.Marked).
            // Its index answers the name search for words of any length, which the trigram indexes of the names did for
            // words of three characters or more only.
            migrationBuilder.Sql("""
                CREATE FUNCTION enterprise_name_marked(name text, name_en text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN regexp_replace(lower(name || coalesce('ǂ' || name_en, '')), '(.)', 'ǂ\1', 'g') || 'ǂ';
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Enterprises_NameCharacters" ON "Enterprises"
                USING gin (enterprise_name_marked("Name", "NameEn") gin_trgm_ops);
                """);
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name_Trigrams",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_NameEn_Trigrams",
                table: "Enterprises");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Enterprises_NameCharacters";""");
            migrationBuilder.Sql("DROP FUNCTION enterprise_name_marked(text, text);");

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
        }
    }
}
