namespace Enterprises.FunctionalTests;

/// <summary>What a page and its count read of a district's qualifications (CodeRange): within its credit codes on PostgreSQL, no range on SQLite.</summary>
internal static class DistrictRange
{
    /// <param name="reads">The page's and its count's statements, or the parts of them that read the qualifications.</param>
    /// <param name="district">The district's credit codes, in order.</param>
    public static void ShouldBeReadWithin(IReadOnlyList<string> reads, IReadOnlyList<string> district)
    {
        reads.Should().HaveCount(2, "the page and its count");
        if (EnterprisesApiFactory.PostgresServer is null)
        {
            reads.Should().AllSatisfy(sql => sql.Should().NotContain($"'{district[0]}'"));
            return;
        }

        reads.Should().AllSatisfy(sql => sql.Should().Contain($"""."CreditCode" >= '{district[0]}'""")
            .And.Contain($"""."CreditCode" <= '{district[^1]}'"""));
    }
}
