using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Enterprises.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The name search's plan (EnterpriseNameSearch) rests on PostgreSQL's estimate of how many names hold the
            // words, which it makes by testing them against the columns' histograms. With the default 101 values a pair
            // of characters that a tenth of a percent of the names hold either misses them all or, when the sample
            // happens to hold it, counts as a hundredth of the register; then the page walks the register in credit code
            // order instead of reading the index (12-18 of the 2,304 pairs of the bench's names after each ANALYZE, at a
            // million enterprises, each walk 20-520 ms against 2-40 ms read from the index). With 500 values, none of
            // them walked in four ANALYZEs, while words many names hold (天津 all of them, 科技 a fifth) were still walked
            // (0.1-0.3 ms), for 0.2 ms more planning of a pair (0.5 of ten characters) and 1.5 s rather than 0.3 s of
            // ANALYZE. ANALYZE now: the target would otherwise wait for the register's next automatic one, which comes
            // after a tenth of it has changed.
            migrationBuilder.Sql("""
                ALTER TABLE "Enterprises" ALTER COLUMN "MarkedNames" SET STATISTICS 500;
                ALTER TABLE "Enterprises" ALTER COLUMN "Name" SET STATISTICS 500;
                ANALYZE "Enterprises";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Enterprises" ALTER COLUMN "MarkedNames" SET STATISTICS -1;
                ALTER TABLE "Enterprises" ALTER COLUMN "Name" SET STATISTICS -1;
                """);
        }
    }
}
