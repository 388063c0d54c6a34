namespace SharedKernel.PersonalData;

/// <summary>What a personal value is; decides how it is masked.</summary>
public enum PersonalDataKind
{
    /// <summary>A resident identity number (18 characters): masked <c>120104********123X</c>.</summary>
    IdentityNumber,

    /// <summary>A phone number: masked <c>138****5678</c>.</summary>
    Phone,

    /// <summary>Anything else personal: masked entirely.</summary>
    Other,
}

/// <summary>
/// Marks a string property (of an entity or of a response DTO) as personal data. Marked once, it is
/// honoured everywhere: encrypted at rest, stored as its mask in the audit trail, never kept in
/// plain text by an idempotency record, masked in JSON responses unless the caller holds the
/// service's personal-data scope. On a positional record parameter it applies to its property.
/// </summary>
/// <remarks>
/// <para>
/// ASP.NET Core Identity has a <c>PersonalDataAttribute</c> of its own, which nothing here honours:
/// do not import <c>Microsoft.AspNetCore.Identity</c> beside this namespace. A property carrying
/// Identity's attribute instead of this one is refused when the model or the JSON contract is built.
/// </para>
/// <para>
/// For validator authors: a message about a marked field never echoes its value. FluentValidation's
/// built-in messages do not; do not write <c>{PropertyValue}</c> into a <c>WithMessage</c>, nor the
/// value into an exception message. Say what is wrong ("must be 18 characters"), not what was sent.
/// </para>
/// </remarks>
/// <param name="kind">What the value is, which decides its mask.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PersonalDataAttribute(PersonalDataKind kind) : Attribute
{
    public PersonalDataKind Kind { get; } = kind;

    /// <summary>
    /// Whether the value must be found by exact match (an identity number): a keyed hash is stored
    /// beside its ciphertext, so that a look-up does not decrypt every row.
    /// </summary>
    public bool Lookup { get; init; }
}
