namespace Talent.Api.Domain;

/// <summary>Domain error codes of the Talent service (the <c>code</c> of its problem details).</summary>
public static class TalentErrors
{
    public const string AlreadyRecognized = "alreadyRecognized";
    public const string RecognitionNotActive = "recognitionNotActive";
    public const string AlreadyLeadsTeam = "alreadyLeadsTeam";
    public const string MemberInAnotherTeam = "memberInAnotherTeam";
    public const string AlreadyMember = "alreadyMember";
    public const string NotAMember = "notAMember";
    public const string TeamDisbanded = "teamDisbanded";
    public const string AssignmentOverlaps = "assignmentOverlaps";
    public const string AlreadyAppraised = "alreadyAppraised";
}
