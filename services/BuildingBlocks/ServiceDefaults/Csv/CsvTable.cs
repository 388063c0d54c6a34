using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Csv;

/// <summary>
/// The CSV form of a register: one header row and the columns the import reads, so that an export
/// imports back unchanged. UTF-8 with a byte order mark, without which Excel on Chinese Windows reads
/// the names as GBK; cells that would run as formulas are written behind an apostrophe (<see cref="CsvCells"/>).
/// The service keeps its columns and its rules for a row; this is the reading and writing they share.
/// </summary>
/// <param name="columns">Every column, in the order an export writes them.</param>
/// <param name="requiredColumns">The columns an import file must have.</param>
/// <param name="fileName">The name an export is downloaded under.</param>
public sealed class CsvTable(IReadOnlyList<string> columns, IReadOnlyList<string> requiredColumns, string fileName)
{
    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true };

    /// <summary>
    /// The exports that read the database at once in a process, at most. An export holds a database connection for as
    /// long as its client takes to read the file, and a replica keeps few of them (twice its processors, at least four:
    /// DatabaseOptions.DefaultPoolSize); exports take half at most, so that slow readers never hold the connections every
    /// other request needs. An export beyond them waits for one to end before it reads.
    /// </summary>
    public static int ExportsAtOnce { get; } = Math.Max(2, Environment.ProcessorCount);

    private static readonly SemaphoreSlim Exporting = new(ExportsAtOnce);

    public IReadOnlyList<string> Columns => columns;

    public IReadOnlyList<string> RequiredColumns => requiredColumns;

    /// <summary>The header row, comma-separated.</summary>
    public string Header { get; } = string.Join(",", columns);

    /// <summary>
    /// Unknown columns are named by position, not by name: for a register of personal data, where a
    /// file without a header has a person's data in its first row.
    /// </summary>
    public bool UnknownColumnsByPosition { get; init; }

    /// <summary>Streams the records with every column, read from the database as they are written.</summary>
    /// <param name="records">The records, in the order of the file.</param>
    /// <param name="cells">A record's cells, one per column and in the order of the columns.</param>
    /// <param name="aborted">The request's <c>RequestAborted</c>: see the other overload.</param>
    public PushStreamHttpResult Export<T>(IAsyncEnumerable<T> records, Func<T, IEnumerable<string>> cells, CancellationToken aborted) =>
        Export(records, Columns, cells, aborted);

    /// <summary>Streams the records with the given columns only, read from the database as they are written.</summary>
    /// <param name="aborted">
    /// The request's <c>RequestAborted</c>. A client that leaves ends its export, waiting or reading: the server takes
    /// writes to a closed connection without a word, so without it the export read its whole table for no one (300,000
    /// enterprises: the statement ran on and the service spent 0.75 s of CPU after the client had left at 0.3 s),
    /// holding a connection and one of the <see cref="ExportsAtOnce"/>.
    /// </param>
    public PushStreamHttpResult Export<T>(IAsyncEnumerable<T> records, IReadOnlyList<string> exported, Func<T, IEnumerable<string>> cells,
        CancellationToken aborted) =>
        TypedResults.Stream(async body =>
        {
            await Exporting.WaitAsync(aborted);
            try
            {
                await using var csv = CsvWriter.Create(body, WriterOptions, leaveOpen: true);
                csv.WriteHeader([.. exported]);
                await foreach (var record in records.WithCancellation(aborted))
                {
                    foreach (var cell in cells(record))
                    {
                        WriteCell(csv, cell);
                    }

                    await csv.EndRecordAsync();
                }

                await csv.FlushAsync();
            }
            finally
            {
                Exporting.Release();
            }
        }, $"{CsvUpload.MediaType}; charset=utf-8", fileName);

    /// <summary>
    /// Reads the header (refused whole when columns are unknown, repeated or missing) and yields each
    /// row with as many fields as the header; a row of another shape is added to <paramref name="rejected"/>
    /// instead. A yielded record is read before the next one is asked for.
    /// </summary>
    public IEnumerable<CsvRecord> Read(string text, ICollection<ImportRejection> rejected)
    {
        using var reader = CsvReader.FromText(text, ReaderOptions);
        reader.ReadHeader();
        var headers = reader.Headers.ToList();
        EnsureHeader(headers);
        while (reader.Read())
        {
            var number = (int)reader.RowNumber + 1;
            if (reader.FieldCount != headers.Count)
            {
                rejected.Add(new(number, ImportCodes.InvalidRow, $"The row has {reader.FieldCount} fields; the header has {headers.Count}."));
                continue;
            }

            yield return new CsvRecord(number, headers, reader);
        }
    }

    /// <summary>
    /// <see cref="Read"/> of a file read as it arrives (<see cref="CsvUpload.OpenStream"/>): only the row
    /// being judged is held. A file without a header row is refused, naming what one row describes
    /// (<paramref name="record"/>, "enterprise").
    /// </summary>
    public async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader text, string record, ICollection<ImportRejection> rejected,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var reader = CsvReader.Create(text, ReaderOptions, leaveOpen: true);
        await reader.ReadHeaderAsync(ct);
        var headers = reader.Headers.ToList();
        if (headers.All(string.IsNullOrEmpty))
        {
            throw new BadRequestException(ErrorCodes.BodyRequired, $"The CSV body is empty; send a header row ({Header}) and one row per {record}.");
        }

        EnsureHeader(headers);
        while (await reader.ReadAsync(ct))
        {
            var number = (int)reader.RowNumber + 1;
            if (reader.FieldCount != headers.Count)
            {
                rejected.Add(new(number, ImportCodes.InvalidRow, $"The row has {reader.FieldCount} fields; the header has {headers.Count}."));
                continue;
            }

            yield return new CsvRecord(number, headers, reader);
        }
    }

    /// <summary>A protected cell is quoted too, as OWASP recommends, so that no reader takes the apostrophe for part of a formula.</summary>
    private static void WriteCell(CsvWriter csv, string value)
    {
        if (CsvCells.LooksLikeFormula(value))
        {
            csv.WriteField(CsvCells.Protect(value), CsvQuoting.Always);
        }
        else
        {
            csv.WriteField(value);
        }
    }

    private void EnsureHeader(List<string> headers)
    {
        var unknown = headers.Select((h, i) => (Header: h, Position: i + 1)).Where(h => !Columns.Contains(h.Header))
            .Select(h => UnknownColumnsByPosition ? h.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : h.Header).ToList();
        var repeated = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = RequiredColumns.Where(c => !headers.Contains(c)).ToList();
        var problems = new List<string>();
        if (unknown.Count > 0)
        {
            problems.Add(UnknownColumnsByPosition
                ? $"Unknown column(s) at position(s) {string.Join(", ", unknown)}."
                : $"Unknown column(s): {string.Join(", ", unknown)}.");
        }

        if (repeated.Count > 0)
        {
            problems.Add($"Repeated column(s): {string.Join(", ", repeated)}.");
        }

        if (missing.Count > 0)
        {
            problems.Add($"Missing column(s): {string.Join(", ", missing)}.");
        }

        if (problems.Count > 0)
        {
            problems.Add($"The first row must be a header of these columns: {Header} ({string.Join(", ", RequiredColumns)} required).");
            throw new RuleViolationException("header", string.Join(" ", problems));
        }
    }
}
