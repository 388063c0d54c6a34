using System.Reflection;
using Microsoft.Extensions.Options;
using Talent.Api.Domain;
using Talent.Api.Programmes;
using Talent.Contracts;

namespace Talent.UnitTests;

public class ContractsTests
{
    private static readonly string[] Forbidden = ["name", "idnumber", "phone", "reason", "goals", "note", "document", "birth", "gender"];

    private static readonly Type[] EventTypes =
        typeof(TalentRecognized).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(EventBus.IntegrationEvent))).ToArray();

    public static TheoryData<Type> Events => new(EventTypes);

    [Theory]
    [MemberData(nameof(Events))]
    public void No_event_carries_personal_data_or_free_text(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Forbidden.Should().NotContain(f => property.Name.Contains(f, StringComparison.OrdinalIgnoreCase), $"{type.Name}.{property.Name} is published");
            property.PropertyType.Should().Match(t => t == typeof(Guid) || t == typeof(int) || t == typeof(string) || t == typeof(DateOnly)
                || t == typeof(DateOnly?) || t == typeof(DateTimeOffset) || t == typeof(IReadOnlyList<Guid>), $"{type.Name}.{property.Name}");
        }
    }

    [Fact]
    public void Every_event_the_issue_names_exists()
    {
        EventTypes.Select(e => e.Name).Should().BeEquivalentTo("TalentRecognized", "RecognitionRevoked", "TeamFormed", "TeamDisbanded",
            "CommissionerAssigned", "CommissionerAppraised");
    }

    [Fact]
    public void A_district_programme_is_added_by_configuration_and_a_built_in_one_replaced()
    {
        var catalog = new ProgrammeCatalog(Options.Create(new TalentOptions
        {
            Programmes =
            [
                new() { Code = "JinghaiTalent", Name = "静海区“团泊英才”计划", Level = ProgrammeLevel.District, Issuer = "静海区人才办", RegionCode = "120118", StartYear = 2022 },
                new() { Code = "YoungScientists", Name = "千名优秀青年科技人才", Level = ProgrammeLevel.Municipal, Issuer = "天津市科学技术局", RegionCode = "120000", StartYear = 2020 },
            ],
        }));

        catalog.Find("jinghaitalent")!.RegionCode.Should().Be("120118");
        catalog.Find("YoungScientists")!.StartYear.Should().Be(2020);
        catalog.All.Count(p => p.Code == "YoungScientists").Should().Be(1);
        catalog.All.Should().HaveCount(ProgrammeCatalog.BuiltIn.Count + 1);
    }

    [Fact]
    public void Programme_settings_that_cannot_be_used_are_named_at_start()
    {
        var problems = ProgrammeCatalog.Problems(new TalentOptions
        {
            Programmes =
            [
                new() { Code = "has space", Name = "x", Issuer = "y", RegionCode = "120118", StartYear = 2020 },
                new() { Code = "Dup", Name = "x", Issuer = "y", RegionCode = "120000", StartYear = 2020 },
                new() { Code = "dup", Name = "", Issuer = "y", RegionCode = "120118", StartYear = 1800 },
            ],
        }).ToList();

        problems.Should().Contain(p => p.Contains("Programmes:0:Code"));
        problems.Should().Contain(p => p.Contains("Programmes:1:RegionCode"), "a district programme names a district");
        problems.Should().Contain(p => p.Contains("Programmes:2:Name"));
        problems.Should().Contain(p => p.Contains("Programmes:2:StartYear"));
        problems.Should().Contain(p => p.Contains("more than once"));
    }

    [Theory]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("138-1234-5678", "13812345678")]
    [InlineData("+44 7700 900123", "+447700900123")]
    public void Phones_are_stored_without_the_separators_people_type(string typed, string stored)
    {
        PhoneNumber.Normalize(typed).Should().Be(stored);
        PhoneNumber.IsValidOrBlank(typed).Should().BeTrue();
    }

    [Theory]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("022-87654321")]
    [InlineData("+0123456789")]
    [InlineData("138 1234 5678x")]
    public void Phones_of_other_shapes_are_refused(string phone)
    {
        PhoneNumber.IsValidOrBlank(phone).Should().BeFalse();
    }
}
