using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Plans.FunctionalTests;

/// <summary>A register's settings are checked when the service starts, so one the reconciliation could not run with stops the start.</summary>
public class RegisterOptionsTests
{
    [Theory]
    [InlineData("StartupRetryDelay", "30.00:00:00")]
    [InlineData("StartupRetryDelay", "-00:00:01")]
    [InlineData("StartupRetryFor", "-00:00:01")]
    [InlineData("StartupRetryFor", "10000000.00:00:00")]
    public void A_start_up_retry_the_pass_could_not_run_with_stops_the_service_at_start(string setting, string value)
    {
        // The start-up pass waits its pause with Task.Delay, which refuses a negative one or one past about 24 days, and adds
        // its retry time to today's date, which a negative or ten-million-day one takes out of the calendar's reach or sense.
        using var register = new RegisterPlansApiFactory();
        using var factory = register.WithWebHostBuilder(builder => builder.UseSetting($"Registers:Enterprises:{setting}", value));

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*StartupRetryDelay must be positive and at most a day*");
    }
}
