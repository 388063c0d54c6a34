using System.Text.Json;
using ServiceDefaults.Json;

namespace Plans.UnitTests;

public class NormalizedDecimalConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new NormalizedDecimalConverter() } };

    [Theory]
    [InlineData("7420", "7420")]
    [InlineData("7420.0000", "7420")]
    [InlineData("1.5e3", "1500")]
    [InlineData("-0.001", "-0.001")]
    [InlineData("0", "0")]
    [InlineData("12345678901234567890.1234", "12345678901234567890.1234")]
    public void Reads_a_number_whose_digits_all_fit_and_writes_it_without_trailing_zeros(string sent, string written)
    {
        var value = JsonSerializer.Deserialize<decimal>(sent, Options);

        JsonSerializer.Serialize(value, Options).Should().Be(written);
    }

    [Theory]
    [InlineData("1e-30")]
    [InlineData("1.00000000000000000000000000001")]
    public void Refuses_a_number_that_would_lose_digits(string sent)
    {
        var read = () => JsonSerializer.Deserialize<decimal>(sent, Options);

        read.Should().Throw<FieldJsonException>();
    }
}
