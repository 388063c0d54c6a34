using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("Talent.FunctionalTests.SweepLast", "Talent.FunctionalTests")]

namespace Talent.FunctionalTests;

/// <summary>
/// The collections run one after the other, the personal-data sweep last, so that it reads what the
/// whole suite stored and logged (xunit 2 has no hook after every other test).
/// </summary>
public sealed class SweepLast : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == PersonalDataSweepTests.Collection ? 1 : 0).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
