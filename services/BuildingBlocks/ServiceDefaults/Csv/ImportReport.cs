using System.ComponentModel.DataAnnotations;

namespace ServiceDefaults.Csv;

/// <summary>What an import did (or, with dryRun=true, would do).</summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Created">Rows that added a new record to the register.</param>
/// <param name="Updated">Rows that changed a record already on the register.</param>
/// <param name="Unchanged">Rows identical to what the register holds.</param>
/// <param name="RejectedCount">Rows refused, all of them; the first 1,000 are listed in rejected.</param>
/// <param name="Rejected">The first rows refused, in row order, each with its row number (the header is row 1), a code and a message (never a row's personal data).</param>
public sealed record ImportReport(bool DryRun, int Created, int Updated, int Unchanged, int RejectedCount,
    [property: MaxLength(ImportReport.MaxListed)] IReadOnlyList<ImportRejection> Rejected)
{
    /// <summary>The most refused rows a report lists: a file of a million bad rows gets a report of a bounded size.</summary>
    public const int MaxListed = 1000;

    /// <summary>The report of an import that refused <paramref name="rejected"/> (in any order).</summary>
    public static ImportReport Of(bool dryRun, int created, int updated, int unchanged, IReadOnlyCollection<ImportRejection> rejected) =>
        new(dryRun, created, updated, unchanged, rejected.Count, [.. rejected.OrderBy(r => r.Row).Take(MaxListed)]);
}

/// <summary>A refused row.</summary>
/// <param name="Row">Its row number, counting the header as row 1.</param>
/// <param name="Code">The code the API answers for the same refusal (validationFailed, forbidden, notFound, alreadyExists, serviceUnavailable …), or duplicateRow (the record is on an earlier row) or invalidRow (the row has the wrong number of fields).</param>
/// <param name="Message">What is wrong, naming the fields.</param>
public sealed record ImportRejection(int Row, string Code, string Message);

/// <summary>Machine codes of refused rows that no command answers.</summary>
public static class ImportCodes
{
    public const string ValidationFailed = "validationFailed";
    public const string DuplicateRow = "duplicateRow";
    public const string InvalidRow = "invalidRow";
}
