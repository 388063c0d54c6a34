using System.ComponentModel.DataAnnotations;
using Plans.Api.Domain;

namespace Plans.Api.Observations;

/// <summary>A value for a year, entered by a person or a statistics system (origin 'manual').</summary>
/// <param name="Year">The year the value is for; not before the indicator's baseline year.</param>
/// <param name="Value">The value in the indicator's unit. For measure 'flow', the amount of that year alone.</param>
/// <param name="Note">Why it corrects an earlier one, or anything else worth keeping with it.</param>
/// <param name="Source">Where the figure comes from (e.g. 2021年东丽区统计公报).</param>
public sealed record CreateObservationRequest(int? Year, decimal? Value, string? Note, string? Source = null);

/// <summary>A recorded value of an indicator.</summary>
/// <param name="Status">draft, submitted, approved (and so locked) or automatic (a register's figure, needing no approval).</param>
/// <param name="UnapprovalReason">Why an administrator last unapproved it.</param>
public sealed record ObservationResponse(
    long Id,
    int Year,
    decimal Value,
    ObservationOrigin Origin,
    DateTimeOffset RecordedAt,
    string? RecordedBy,
    string? Note,
    [property: MaxLength(200)] string? Source,
    ApprovalStatus Status,
    string? SubmittedBy,
    DateTimeOffset? SubmittedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    string? UnapprovalReason)
{
    public static ObservationResponse From(Observation o) =>
        new(o.Id, o.Year, o.Value, o.Origin, o.RecordedAt, o.RecordedBy, o.Note, o.Source, o.Status, o.SubmittedBy, o.SubmittedAt,
            o.ApprovedBy, o.ApprovedAt, o.UnapprovalReason);
}

/// <summary>Why an approved figure is reopened (required).</summary>
public sealed record UnapproveRequest(string? Reason);
