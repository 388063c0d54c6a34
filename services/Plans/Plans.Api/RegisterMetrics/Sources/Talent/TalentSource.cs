using System.Text.RegularExpressions;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// The Talent register (programme recognitions). Not connected yet: its keys are known, so plans bind
/// to them (progress says registerNotConnected), and the Talent service's events and API will feed a
/// copy here as they do for enterprises.
/// </summary>
public sealed partial class TalentSource : IRegisterSource
{
    public string Register => "talent";

    public string Title => "talent register";

    public string KeySummary => "talent.recognized.{Programme}";

    public string KeyDocumentation =>
        "### talent (the Talent register, not connected yet)\n\n" +
        "- `talent.recognized.{Programme}`: people recognised by the programme (海河英才 and others), by its name.";

    public IRegisterCopy? Copy => null;

    public RegisterMetric? Parse(string key) => key.Split('.') switch
    {
        ["talent", "recognized", var programme] when ProgrammeName().IsMatch(programme) => new RegisterMetric(key, Register, []),
        _ => null,
    };

    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,60}$")]
    private static partial Regex ProgrammeName();
}
