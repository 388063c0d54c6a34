namespace Talent.Api.Domain;

/// <summary>The document a person is identified by.</summary>
public enum DocumentType
{
    /// <summary>居民身份证: 18 characters, GB 11643 (also the residence permits of Hong Kong, Macao and Taiwan residents, 81/82/83…).</summary>
    ResidentIdentityCard,

    /// <summary>A foreign passport.</summary>
    Passport,

    /// <summary>外国人永久居留身份证: 15 characters (three letters, twelve digits) or, since 2023, 18 digits starting with 9.</summary>
    ForeignPermanentResidence,
}

public enum Gender
{
    Male,
    Female,
}

/// <summary>Highest education completed.</summary>
public enum Education
{
    Doctorate,
    Master,
    Bachelor,
    Other,
}

/// <summary>Who runs a programme.</summary>
public enum ProgrammeLevel
{
    National,
    Municipal,
    District,
}

/// <summary>active → revoked (by a decision, with its reason).</summary>
public enum RecognitionStatus
{
    Active,
    Revoked,
}

/// <summary>active → disbanded.</summary>
public enum TeamStatus
{
    Active,
    Disbanded,
}

/// <summary>What a science-and-technology commissioner (科技特派员) serves.</summary>
public enum ServedKind
{
    Enterprise,

    /// <summary>A village (村), named.</summary>
    Village,

    /// <summary>A farmers' cooperative (农民专业合作社), named, with its credit code where it has one.</summary>
    Cooperative,
}

/// <summary>A commissioner's yearly appraisal: 优秀, 良好, 合格, 不合格.</summary>
public enum AppraisalGrade
{
    Excellent,
    Good,
    Pass,
    Fail,
}
