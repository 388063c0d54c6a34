using Enterprises.Api.Eligibility;
using static Enterprises.UnitTests.Eligibility.Figures;

namespace Enterprises.UnitTests.Eligibility;

public class RuleSetRegistryTests
{
    /// <summary>
    /// A made-up later TechSme version for the test alone (no real change to the 2017 rules is cited):
    /// from 2026 at most 300 employees.
    /// </summary>
    private static readonly RuleSet StricterTechSme = TechSmeRules.V2017 with
    {
        Id = "techSme-test-2026",
        Version = 2,
        EffectiveFrom = new DateOnly(2026, 3, 1),
        Criteria = TechSmeRules.V2017.Criteria
            .Select(c => c.Code == "techSme.employees"
                ? new PriorYearFigure(c.Code, "At most 300 employees", "test", "employees", "persons", r => r.Employees, Comparison.AtMost, 300m)
                : c)
            .ToList(),
    };

    [Theory]
    [InlineData(EligibilityType.HighTech, 2015, null)]
    [InlineData(EligibilityType.HighTech, 2016, "highTech-2016")]
    [InlineData(EligibilityType.HighTech, 2027, "highTech-2016")]
    [InlineData(EligibilityType.TechSme, 2016, null)]
    [InlineData(EligibilityType.TechSme, 2017, "techSme-2017")]
    [InlineData(EligibilityType.Eagle, 2020, null)]
    [InlineData(EligibilityType.Eagle, 2021, "eagle-2021")]
    public void Picks_the_latest_version_in_force_in_the_application_year(EligibilityType type, int year, string? id)
    {
        // Not InForce(...)?.Id.Should(): that skips the assertion whenever no rule set is found.
        var inForce = RuleSetRegistry.Default.InForce(type, year);

        inForce?.Id.Should().Be(id);
        (inForce is null).Should().Be(id is null, "a rule set is in force for {0} {1} exactly when one is expected", type, year);
    }

    [Fact]
    public void Every_provision_a_rule_set_cites_fits_the_documented_length()
    {
        RuleSetRegistry.Default.All.SelectMany(r => r.Criteria).Should().NotBeEmpty()
            .And.OnlyContain(c => c.Source.Length <= CriterionResult.MaxSourceLength);
    }

    [Fact]
    public void A_later_version_does_not_change_an_earlier_years_verdict()
    {
        var registry = new RuleSetRegistry([TechSmeRules.V2017, StricterTechSme, HighTechRules.V2016]);
        var facts = new EnterpriseFacts(new DateOnly(2015, 1, 1));
        var reports = Years(2023, 2025, r => r with { Employees = 400, RdStaff = 120 });

        var before = registry.InForce(EligibilityType.TechSme, 2025)!.Evaluate(facts, reports, 2025);
        var after = registry.InForce(EligibilityType.TechSme, 2026)!.Evaluate(facts, reports, 2026);

        before.RuleSet.Id.Should().Be("techSme-2017");
        before.Verdict.Should().Be(Verdict.Eligible);
        before.Should().BeEquivalentTo(TechSmeRules.V2017.Evaluate(facts, reports, 2025), o => o.Excluding(e => e.RuleSet));
        after.RuleSet.Id.Should().Be("techSme-test-2026");
        after.Verdict.Should().Be(Verdict.NotEligible);
        after.Criterion("techSme.employees").Threshold.Value.Should().Be(300m);
    }

    [Fact]
    public void Refuses_two_versions_of_a_type_with_the_same_effective_date()
    {
        var act = () => new RuleSetRegistry([TechSmeRules.V2017, StricterTechSme with { EffectiveFrom = TechSmeRules.V2017.EffectiveFrom }]);

        act.Should().Throw<ArgumentException>().WithMessage("*techSme-2017*techSme-test-2026*");
    }

    [Fact]
    public void Every_production_criterion_code_is_unique_and_names_its_source()
    {
        var criteria = RuleSetRegistry.Default.All.SelectMany(r => r.Criteria).ToList();

        criteria.Select(c => c.Code).Should().OnlyHaveUniqueItems();
        criteria.Should().OnlyContain(c => c.Source.Contains('〔') && c.Description.Length > 0);
    }

    [Fact]
    public void An_unpublished_threshold_is_undetermined_and_says_so()
    {
        var rules = StricterTechSme with
        {
            Id = "test-unpublished",
            Criteria = [new UnpublishedThreshold("test.unpublished", "A threshold nobody has published", "test", "items", "Not in our sources.")],
        };

        var evaluation = rules.Evaluate(new EnterpriseFacts(new DateOnly(2015, 1, 1)), [Report(2024)], 2025);

        evaluation.Verdict.Should().Be(Verdict.Undetermined);
        var result = evaluation.Criterion("test.unpublished");
        result.Threshold.Known.Should().BeFalse();
        result.Threshold.Value.Should().BeNull();
        result.Note.Should().Be("Not in our sources.");
    }
}
