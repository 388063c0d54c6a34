using System.Text;
using SharedKernel.PersonalData;

namespace BuildingBlocks.Tests;

public class PersonalDataMaskTests
{
    [Theory]
    [InlineData(PersonalDataKind.IdentityNumber, "12010419880715621X", "120104********621X")]
    [InlineData(PersonalDataKind.IdentityNumber, "120104198807156213", "120104********6213")]
    [InlineData(PersonalDataKind.Phone, "13812345678", "138****5678")]
    [InlineData(PersonalDataKind.Other, "天津市和平区南京路 1 号", "******")]
    public void A_valid_value_shows_only_its_ends(PersonalDataKind kind, string value, string mask) =>
        PersonalDataMask.Mask(kind, value).Should().Be(mask);

    [Theory]
    [InlineData(PersonalDataKind.IdentityNumber, "", "******************")]
    [InlineData(PersonalDataKind.IdentityNumber, "1201041988", "******************")]
    [InlineData(PersonalDataKind.IdentityNumber, "120104880715621", "******************")]
    [InlineData(PersonalDataKind.IdentityNumber, "12010419880715621", "******************")]
    [InlineData(PersonalDataKind.Phone, "", "***********")]
    [InlineData(PersonalDataKind.Phone, "5678", "***********")]
    [InlineData(PersonalDataKind.Phone, "1381234567", "***********")]
    [InlineData(PersonalDataKind.Other, "", "******")]
    public void A_value_shorter_than_a_valid_one_shows_nothing(PersonalDataKind kind, string value, string mask) =>
        PersonalDataMask.Mask(kind, value).Should().Be(mask);

    [Theory]
    [InlineData(PersonalDataKind.IdentityNumber, "12010419880715621X-and-more-text-9999", "120104********9999")]
    [InlineData(PersonalDataKind.Phone, "+86 138 1234 5678", "+86****5678")]
    public void A_longer_value_shows_no_more_than_a_valid_one_and_has_the_same_length(PersonalDataKind kind, string value, string mask) =>
        PersonalDataMask.Mask(kind, value).Should().Be(mask);

    [Fact]
    public void Null_stays_null() => PersonalDataMask.Mask(PersonalDataKind.Phone, null).Should().BeNull();

    [Fact]
    public void Characters_outside_the_basic_plane_are_never_cut_in_half()
    {
        var value = string.Concat(Enumerable.Repeat("𠀀", 20));

        var mask = PersonalDataMask.Mask(PersonalDataKind.IdentityNumber, value)!;

        mask.Should().Be(string.Concat(Enumerable.Repeat("𠀀", 6)) + "********" + string.Concat(Enumerable.Repeat("𠀀", 4)));
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(mask)).Should().Be(mask, "a lone surrogate would not survive UTF-8");
    }

    [Theory]
    [InlineData(PersonalDataKind.IdentityNumber, 18, 10)]
    [InlineData(PersonalDataKind.Phone, 11, 7)]
    [InlineData(PersonalDataKind.Other, 6, 0)]
    public void No_value_of_any_length_shows_more_characters_than_a_valid_one(PersonalDataKind kind, int maskLength, int shown)
    {
        var random = new Random(20261201);
        for (var length = 0; length <= 64; length++)
        {
            for (var sample = 0; sample < 20; sample++)
            {
                var value = new string(Enumerable.Range(0, length).Select(_ => (char)random.Next('0', 'z' + 1)).Where(c => c != '*').ToArray());

                var mask = PersonalDataMask.Mask(kind, value)!;

                mask.Length.Should().Be(maskLength, "the mask of {0} has the length of a valid one's", value);
                mask.Count(c => c != '*').Should().BeLessThanOrEqualTo(shown);
                (mask.Count(c => c != '*') == 0 || value.Length >= maskLength).Should().BeTrue("a short value ({0}) shows nothing", value);
            }
        }
    }

    [Fact]
    public void A_marker_written_on_a_positional_record_parameter_is_found_on_its_property()
    {
        PersonalDataMarker.Find(typeof(PersonResponse).GetProperty(nameof(PersonResponse.Phone)))!.Kind.Should().Be(PersonalDataKind.Phone);
        PersonalDataMarker.Find(typeof(PersonResponse).GetProperty(nameof(PersonResponse.IdNumber)))!.Kind.Should().Be(PersonalDataKind.IdentityNumber);
        PersonalDataMarker.Find(typeof(PersonResponse).GetProperty(nameof(PersonResponse.Name))).Should().BeNull();
    }

    [Fact]
    public void ASP_NET_Identity_s_attribute_of_the_same_name_is_refused()
    {
        var find = () => PersonalDataMarker.Find(typeof(IdentityMarkedResponse).GetProperty(nameof(IdentityMarkedResponse.Phone)));

        find.Should().Throw<InvalidOperationException>().WithMessage("*SharedKernel.PersonalData.PersonalDataAttribute*");
    }

    public sealed record IdentityMarkedResponse([property: Microsoft.AspNetCore.Identity.PersonalData] string Phone);
}
