using SharedKernel.Errors;
using Talent.Api.Domain;
using Talent.Api.Programmes;

namespace Talent.UnitTests;

public class DomainRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly Programme ProjectTeam = ProgrammeCatalog.BuiltIn.Single(p => p.Code == "ProjectTeam");
    private static readonly Programme Haihe = ProgrammeCatalog.BuiltIn.Single(p => p.Code == "HaiheTalent");

    private static Person NewPerson(string region = "120104") => Person.Register(
        IdentityDocument.Of(DocumentType.ResidentIdentityCard, IdentityNumbers.New(), null, Today),
        new PersonDetails("张伟", null, null, null, Education.Doctorate, null, null, null, region, null), Now);

    private static TeamProfile Profile(string programme = "ProjectTeam") => new("团队", programme, null, "海河实验室", null, "120118", null);

    [Fact]
    public void A_person_leads_one_active_team_of_a_programme_and_is_a_member_of_one()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var first = Team.Form(ProjectTeam, Profile(), a, [b], new DateOnly(2025, 1, 1), [], Today, Now);

        var leadsAgain = () => Team.Form(ProjectTeam, Profile(), a, [], new DateOnly(2025, 2, 1), [first], Today, Now);
        var memberElsewhere = () => Team.Form(ProjectTeam, Profile(), c, [b], new DateOnly(2025, 2, 1), [first], Today, Now);
        var leaderIsMemberElsewhere = () => Team.Form(ProjectTeam, Profile(), b, [], new DateOnly(2025, 2, 1), [first], Today, Now);

        leadsAgain.Should().Throw<ConflictException>().Which.Code.Should().Be(TalentErrors.AlreadyLeadsTeam);
        memberElsewhere.Should().Throw<ConflictException>().Which.Code.Should().Be(TalentErrors.MemberInAnotherTeam);
        leaderIsMemberElsewhere.Should().Throw<ConflictException>().Which.Code.Should().Be(TalentErrors.MemberInAnotherTeam);
        first.Disband(new DateOnly(2025, 12, 31), "结题", Today, Now);
        leadsAgain().Status.Should().Be(TeamStatus.Active);
    }

    [Fact]
    public void A_member_who_left_is_free_and_the_leader_cannot_leave()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var team = Team.Form(ProjectTeam, Profile(), a, [b], new DateOnly(2025, 1, 1), [], Today, Now);

        var leaderLeaves = () => team.RemoveMember(a, Today, Today, Now);
        team.RemoveMember(b, new DateOnly(2025, 6, 1), Today, Now);

        leaderLeaves.Should().Throw<ConflictException>().Which.Code.Should().Be(TalentErrors.NotAMember);
        team.Involves(b).Should().BeFalse();
        Team.Form(ProjectTeam, Profile(), Guid.NewGuid(), [b], new DateOnly(2025, 7, 1), [team], Today, Now).Members.Should().ContainSingle();
        team.Version.Should().Be(2);
    }

    [Fact]
    public void A_recognition_year_lies_between_the_programme_start_and_this_year()
    {
        var person = NewPerson();

        var before = () => person.Recognize(Haihe, 2017, "领军人才", null, [], Today);
        var future = () => person.Recognize(Haihe, 2027, "领军人才", null, [], Today);
        var tier = () => person.Recognize(Haihe, 2020, "院士", null, [], Today);

        before.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().Equal("year");
        future.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().Equal("year");
        tier.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().Equal("tier");
        person.Recognize(Haihe, 2018, "顶尖人才", new DateOnly(2018, 9, 1), [], Today).RegionCode.Should().Be("120104");
    }

    [Fact]
    public void A_recognition_keeps_where_the_person_was_when_it_was_made()
    {
        var person = NewPerson("120118");
        var recognition = person.Recognize(Haihe, 2020, "高端人才", null, [], Today);

        person.Change(person.Details with { RegionCode = "120101" }, Now);

        recognition.RegionCode.Should().Be("120118");
        person.RegionCode.Should().Be("120101");
    }

    [Fact]
    public void Assignments_of_a_person_to_the_same_party_never_overlap()
    {
        var person = NewPerson();
        var enterprise = new ServedParty(ServedKind.Enterprise, "91120118MA05XXXX1X", "天津某公司", "120118", null);
        var first = CommissionerAssignment.Assign(person, enterprise, new AssignmentTerms(null, null, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), null), [], Now);

        var overlapping = () => CommissionerAssignment.Assign(person, enterprise with { Name = "改名后" },
            new AssignmentTerms(null, null, new DateOnly(2025, 12, 31), new DateOnly(2026, 3, 1), null), [first], Now);
        var backwards = () => CommissionerAssignment.Assign(person, enterprise,
            new AssignmentTerms(null, null, new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 1), null), [first], Now);

        overlapping.Should().Throw<ConflictException>().Which.Code.Should().Be(TalentErrors.AssignmentOverlaps);
        backwards.Should().Throw<RuleViolationException>().Which.Errors.Keys.Should().Equal("endsOn");
        CommissionerAssignment.Assign(person, enterprise, new AssignmentTerms(null, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), null), [first], Now)
            .IsActiveOn(new DateOnly(2026, 1, 1)).Should().BeTrue();
    }

    [Fact]
    public void An_appraisal_is_for_a_year_of_the_assignment_up_to_this_year_once()
    {
        var village = new ServedParty(ServedKind.Village, null, "某村", "120118", null);
        var assignment = CommissionerAssignment.Assign(NewPerson(), village,
            new AssignmentTerms(null, null, new DateOnly(2025, 3, 1), new DateOnly(2027, 2, 28), null), [], Now);

        assignment.Appraise(2025, AppraisalGrade.Excellent, null, Today, Now);

        ((Action)(() => assignment.Appraise(2025, AppraisalGrade.Good, null, Today, Now))).Should().Throw<ConflictException>();
        ((Action)(() => assignment.Appraise(2027, AppraisalGrade.Good, null, Today, Now))).Should().Throw<RuleViolationException>();
        ((Action)(() => assignment.Appraise(2024, AppraisalGrade.Good, null, Today, Now))).Should().Throw<RuleViolationException>();
    }
}
