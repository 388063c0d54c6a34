using System.Numerics;
using SharedKernel.Identifiers;

namespace Enterprises.UnitTests;

public class CreditCodeTests
{
    /// <summary>
    /// Codes found in public material, each also checked by a separate script outside this repository:
    /// 91350100M000100Y43 and 53640000MJX1736997, both widely used as worked examples (the latter has J
    /// in its organisation code, so it fails if letters take their place in the 31-character alphabet
    /// instead of the GB 11714 values A = 10 … Z = 35), and 914403001922038216, 9144030071526726XG and
    /// 91110000802100433B, which we believe to be those of Huawei Technologies, Shenzhen Tencent Computer
    /// Systems and Beijing Baidu Netcom (the tests rely only on their being valid).
    /// </summary>
    public static readonly TheoryData<string> PublishedCodes =
    [
        "91350100M000100Y43",
        "53640000MJX1736997",
        "914403001922038216",
        "9144030071526726XG",
        "91110000802100433B",
    ];

    /// <summary>Codes built by <see cref="Forge"/>, an independent implementation of both checks.</summary>
    public static readonly TheoryData<string> ForgedCodes =
    [
        Forge("91", "120116", "MA05K2LT"),
        Forge("12", "120101", "40136500"),
        Forge("Y1", "120000", "0000000J"),
        Forge("52", "120104", "YXWUTRQP"),
        Forge("93", "120118", "00000000"),
    ];

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    [MemberData(nameof(ForgedCodes))]
    public void Accepts_valid_codes(string code)
    {
        CreditCode.Problem(code).Should().BeNull();
        CreditCode.IsValid(code).Should().BeTrue();
    }

    [Fact]
    public void Forged_codes_exercise_both_special_organisation_check_characters()
    {
        // The organisation check writes 10 as X and 11 as 0; make sure the forge reaches both.
        var bodies = Enumerable.Range(0, 200).Select(n => n.ToString("D8")).ToList();
        var checks = bodies.Select(body => Forge("91", "120116", body)[16]).ToHashSet();
        checks.Should().Contain(['X', '0']);
        bodies.Select(body => Forge("91", "120116", body)).Should().OnlyContain(code => CreditCode.IsValid(code));
    }

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    [MemberData(nameof(ForgedCodes))]
    public void Rejects_every_single_character_substitution(string code)
    {
        var accepted = new List<string>();
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in CreditCode.Alphabet.Concat("IOZSVaxy-* "))
            {
                if (replacement == code[position])
                {
                    continue;
                }

                var corrupted = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));
                if (CreditCode.IsValid(corrupted))
                {
                    accepted.Add(corrupted);
                }
            }
        }

        accepted.Should().BeEmpty("no single-character change of {0} may still pass", code);
    }

    [Theory]
    [MemberData(nameof(PublishedCodes))]
    [MemberData(nameof(ForgedCodes))]
    public void Rejects_every_transposition_of_adjacent_different_characters(string code)
    {
        for (var i = 0; i < code.Length - 1; i++)
        {
            if (code[i] == code[i + 1])
            {
                continue;
            }

            var chars = code.ToCharArray();
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            CreditCode.Problem(new string(chars)).Should().NotBeNull("positions {0} and {1} were swapped", i + 1, i + 2);
        }
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void Rejects_letters_outside_the_alphabet_and_names_their_position(char letter)
    {
        var code = "91350100M000100Y43";
        var corrupted = code[..9] + letter + code[10..];

        CreditCode.Problem(corrupted).Should().Be(
            $"Character '{letter}' is not allowed at position 10: the alphabet is 0-9 and A-Z without I, O, Z, S, V.");
    }

    [Fact]
    public void Rejects_a_letter_in_the_administrative_division()
    {
        CreditCode.Problem("9135A100M000100Y43").Should().StartWith("Character 'A' is not allowed at position 5:");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_a_missing_code(string? code)
    {
        CreditCode.IsValid(code).Should().BeFalse();
        CreditCode.Problem(code).Should().Be("A credit code is required.");
    }

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    [InlineData("91350100M000100Y43 ", 19)]
    [InlineData("91350100-M000100Y4-3", 20)]
    public void Rejects_a_code_of_the_wrong_length(string code, int length)
    {
        CreditCode.Problem(code).Should().Be($"A credit code has 18 characters; this one has {length}.");
    }

    [Fact]
    public void Rejects_lower_case_rather_than_folding_it()
    {
        CreditCode.Problem("9144030071526726xg").Should().Be(
            "Character 'x' is not allowed at position 17: letters are upper case.");
        CreditCode.IsValid("91350100m000100y43").Should().BeFalse();
    }

    [Fact]
    public void Names_a_wrong_organisation_check_character()
    {
        // Both checks are recomputed so that only the organisation check is wrong.
        var code = Forge("91", "350100", "M000100Y");
        var wrongOrganisation = code[..16] + (code[16] == '5' ? '6' : '5');
        var withValidFinal = wrongOrganisation[..17] + FinalCheck(wrongOrganisation[..17]);

        CreditCode.Problem(withValidFinal).Should().Be(
            $"The organisation-code check character (position 17) is '{withValidFinal[16]}' but should be '4'.");
    }

    [Fact]
    public void Names_a_wrong_final_check_character()
    {
        CreditCode.Problem("91350100M000100Y44").Should().Be(
            "The final check character (position 18) is '4' but should be '3'.");
    }

    [Fact]
    public void Reports_a_control_character_by_its_code_point()
    {
        CreditCode.Problem("91350100M000100Y4\0").Should().StartWith("Character 'U+0000' is not allowed at position 18");
    }

    /// <summary>
    /// Builds a valid code from its first two characters, the division and the 8-character
    /// organisation body. Written apart from the production code: Latin letter values for GB 11714,
    /// <see cref="BigInteger.ModPow"/> for the GB 32100 weights.
    /// </summary>
    private static string Forge(string authorityAndType, string division, string organisationBody)
    {
        const string latin = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = organisationBody.Select((c, i) => latin.IndexOf(c) * weights[i]).Sum();
        var organisationCheck = (11 - sum % 11) switch { 10 => "X", 11 => "0", var n => n.ToString() };
        var first17 = authorityAndType + division + organisationBody + organisationCheck;
        return first17 + FinalCheck(first17);
    }

    private static char FinalCheck(string first17)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var sum = first17.Select((c, i) => alphabet.IndexOf(c) * (int)BigInteger.ModPow(3, i, 31)).Sum();
        return alphabet[(31 - sum % 31) % 31];
    }
}
