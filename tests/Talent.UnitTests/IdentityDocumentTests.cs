using SharedKernel.Errors;
using Talent.Api.Domain;

namespace Talent.UnitTests;

public class IdentityDocumentTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("120104198807156217")]
    [InlineData("120223197002010014")]
    public void Well_formed_resident_identity_numbers_are_accepted(string number)
    {
        var fixedCheck = number[..17] + IdentityNumbers.Check(number[..17]);

        ResidentIdentityNumber.Problem(fixedCheck, Today).Should().BeNull();
    }

    [Fact]
    public void The_check_character_follows_ISO_7064_MOD_11_2()
    {
        // The example of GB 11643-1999, appendix A.
        ResidentIdentityNumber.CheckCharacter("11010519491231002").Should().Be('X');
        ResidentIdentityNumber.CheckCharacter("44052418800101001").Should().Be('4');
    }

    [Fact]
    public void Every_wrong_check_character_is_refused()
    {
        var number = IdentityNumbers.New();

        foreach (var wrong in "0123456789X".Where(c => c != number[17]))
        {
            ResidentIdentityNumber.Problem(number[..17] + wrong, Today).Should().Contain("check character");
        }
    }

    [Theory]
    [InlineData("12010419880715621", "18 characters")]
    [InlineData("1201041988071562100", "18 characters")]
    [InlineData("1201041988O715621X", "digit")]
    [InlineData("12010419880715621Y", "digit")]
    [InlineData("１２０１０４１９８８０７１５６２１X", "digit")]
    public void A_number_of_the_wrong_shape_is_refused(string number, string words)
    {
        ResidentIdentityNumber.Problem(number, Today).Should().Contain(words);
    }

    [Theory]
    [InlineData("19000101", null)]
    [InlineData("18991231", "before 1900")]
    [InlineData("20261122", null)]
    [InlineData("20261123", "in the future")]
    [InlineData("19000229", "not a date")]
    [InlineData("20000229", null)]
    [InlineData("19990431", "not a date")]
    [InlineData("19990000", "not a date")]
    public void The_date_of_birth_is_a_real_day_from_1900_to_today(string birth, string? words)
    {
        var problem = ResidentIdentityNumber.Problem(IdentityNumbers.WithCheck("120104" + birth), Today);

        if (words is null)
        {
            problem.Should().BeNull();
        }
        else
        {
            problem.Should().Contain(words);
        }
    }

    [Theory]
    [InlineData("120101", true)]
    [InlineData("120119", true)]
    [InlineData("120225", true)]
    [InlineData("120107", true)]
    [InlineData("120120", false)]
    [InlineData("120226", false)]
    [InlineData("120000", false)]
    [InlineData("310115", true)]
    [InlineData("650102", true)]
    [InlineData("830000", true)]
    [InlineData("710000", false)]
    [InlineData("990000", false)]
    [InlineData("000000", false)]
    public void The_issuing_division_is_a_Tianjin_district_or_county_or_a_province(string division, bool known)
    {
        (IssuingRegions.Problem(division) is null).Should().Be(known);
    }

    [Fact]
    public void No_message_repeats_the_number_or_any_part_of_it()
    {
        var numbers = new[]
        {
            IdentityNumbers.WithWrongCheck(IdentityNumbers.New()), IdentityNumbers.WithCheck("12010419900230"), IdentityNumbers.New("129999"),
            IdentityNumbers.New("990101"), "12345678901234567",
        };

        foreach (var number in numbers)
        {
            var problem = ResidentIdentityNumber.Problem(number, Today)!;
            problem.Should().NotContain(number[..6]).And.NotContain(number[6..14]).And.NotContain(number[^4..]);
        }
    }

    [Fact]
    public void A_resident_identity_card_records_birth_date_and_gender_and_is_Chinese()
    {
        var document = IdentityDocument.Of(DocumentType.ResidentIdentityCard, IdentityNumbers.New(born: new DateOnly(1979, 6, 4), male: false).ToLowerInvariant(),
            null, Today);

        document.Nationality.Should().Be("CN");
        document.BirthDate.Should().Be(new DateOnly(1979, 6, 4));
        document.Gender.Should().Be(Gender.Female);
    }

    [Theory]
    [InlineData(DocumentType.ResidentIdentityCard, "US", "nationality")]
    [InlineData(DocumentType.Passport, "CN", "nationality")]
    [InlineData(DocumentType.Passport, "XX", "nationality")]
    [InlineData(DocumentType.Passport, null, "nationality")]
    [InlineData(DocumentType.ForeignPermanentResidence, "CN", "nationality")]
    public void Documents_go_with_their_nationalities(DocumentType type, string? nationality, string field)
    {
        var number = type == DocumentType.ResidentIdentityCard ? IdentityNumbers.New() : type == DocumentType.Passport ? "E12345678" : "USA110079061500";

        var refused = () => IdentityDocument.Of(type, number, nationality, Today);

        refused.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().Equal(field);
    }

    [Theory]
    [InlineData(DocumentType.Passport, "E1234567", true)]
    [InlineData(DocumentType.Passport, "p 1234", false)]
    [InlineData(DocumentType.Passport, "ABC", false)]
    [InlineData(DocumentType.ForeignPermanentResidence, "USA110079061500", true)]
    [InlineData(DocumentType.ForeignPermanentResidence, "US1100790615001", false)]
    public void Foreign_documents_have_their_shapes(DocumentType type, string number, bool valid)
    {
        IdentityDocument.ProblemsOf(type, number, "US", Today).Should().HaveCount(valid ? 0 : 1);
    }

    [Fact]
    public void The_2023_permanent_residence_card_is_checked_like_a_resident_number()
    {
        var number = IdentityNumbers.WithCheck("911840" + "19800101");

        IdentityDocument.ProblemsOf(DocumentType.ForeignPermanentResidence, number, "US", Today).Should().BeEmpty();
        IdentityDocument.ProblemsOf(DocumentType.ForeignPermanentResidence, IdentityNumbers.WithWrongCheck(number), "US", Today)["idNumber"][0]
            .Should().Contain("check character");
        IdentityDocument.Of(DocumentType.ForeignPermanentResidence, number, "US", Today).BirthDate.Should().Be(new DateOnly(1980, 1, 1));
    }
}
