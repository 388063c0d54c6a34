using System.Linq.Expressions;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Paging;

namespace Enterprises.Api.Enterprises;

/// <summary>
/// The list's name search (q): enterprises whose Chinese or English name contains the words (ignoring case), or whose
/// credit code starts with them.
/// <para>
/// On PostgreSQL the search is a LIKE on the <see cref="Marked"/> names, which a trigram index of them answers for words
/// of any length: a Chinese name is searched by one or two characters as often as not, which make no trigram of the
/// names themselves (those read the whole register, 5 s at a million). The words are written into the statement as
/// literals (<c>EF.Constant</c>), so each search is planned for its own words: a rare name is read from the index and
/// sorted, a common one by walking the list's order until a page is full. As parameters, PostgreSQL's plan cache
/// settles on one generic plan for every search after five, and the walk it chose took 1.7 s for a name eleven
/// enterprises of a million hold.
/// </para>
/// </summary>
internal static class EnterpriseNameSearch
{
    /// <summary>The mark <see cref="Marked"/> puts around each character: a letter to pg_trgm, and one no name uses.</summary>
    public const char Mark = 'ǂ';

    /// <summary>The SQL function <see cref="Marked"/> maps to (created by the migration NameCharacters, with its index).</summary>
    public const string MarkedFunction = "enterprise_name_marked";

    /// <summary>
    /// The Chinese and the English name, lowercase, with <see cref="Mark"/> between them, before each character and at
    /// the end: "天津", "Ab" becomes "ǂ天ǂ津ǂǂǂaǂbǂ". pg_trgm's trigrams of it are each character between marks and each
    /// pair of characters with the mark between them. Words without the mark are in a name exactly when their marked
    /// form is in the marked names (a mark stands at every other place of either, and none can span the two names):
    /// the same test as ILIKE, which folds case by <c>lower</c> as the function does. In queries only.
    /// </summary>
    public static string Marked(string name, string? nameEn) =>
        throw new InvalidOperationException($"{nameof(EnterpriseNameSearch)}.{nameof(Marked)} is for queries, where the database reads it.");

    /// <summary>Maps <see cref="Marked"/> to its SQL function, for PostgreSQL.</summary>
    public static void AddMarkedNames(this ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(EnterpriseNameSearch).GetMethod(nameof(Marked))!).HasName(MarkedFunction);

    /// <summary>The enterprises that match the words, as LIKE patterns (their wildcards escaped).</summary>
    public static IQueryable<Enterprise> Named(this IQueryable<Enterprise> query, EnterprisesDbContext db, string words)
    {
        var pattern = "%" + Escape(words) + "%";
        var named = db.Database.IsPostgres() ? OnPostgres(words, pattern) : OnSqlite(pattern);
        var code = EnterpriseLookup.Normalize(words);
        if (!CouldStartCreditCode(code))
        {
            return query.Where(named);
        }

        // Every code that starts with the words sorts from them up to them followed by the last character a code may hold.
        var last = code + "Z";
        Expression<Func<Enterprise, bool>> coded = e => string.Compare(e.CreditCode, code) >= 0 && string.Compare(e.CreditCode, last) < 0;
        var enterprise = named.Parameters[0];
        var either = Expression.OrElse(named.Body, new ParameterReplacer(coded.Parameters[0], enterprise).Visit(coded.Body));
        return query.Where(Expression.Lambda<Func<Enterprise, bool>>(either, enterprise));
    }

    /// <summary>
    /// The marked words in the marked names, marked by the same function (so their case is folded as the names' is), and
    /// the words in either name by ILIKE. Words of two characters or more leave out their outer marks, which still align
    /// them with the names' characters: each trigram that is one character between marks is a long list of the index to
    /// read (a character common in names is in a tenth of them), and "航ǂ达" is the pair alone. The ILIKE is the same test
    /// and is there for the plans that walk the register in the page's order, filtering each row (PostgreSQL's choice
    /// for words it thinks common): it comes first, at a third of the marked names' cost a row, and its estimate
    /// multiplied with theirs makes such a walk look as dear as it is for rare words (a walk for a pair 866 names hold
    /// took 485 ms). Words holding the mark or a wildcard of LIKE (which the function does not escape) are matched by
    /// ILIKE alone, reading every name.
    /// </summary>
    private static Expression<Func<Enterprise, bool>> OnPostgres(string words, string pattern)
    {
        Expression<Func<Enterprise, bool>> named = e => EF.Functions.ILike(e.Name, EF.Constant(pattern), @"\")
            || (e.NameEn != null && EF.Functions.ILike(e.NameEn, EF.Constant(pattern), @"\"));
        if (words.IndexOfAny([Mark, '%', '_', '\\']) >= 0)
        {
            return named;
        }

        Expression<Func<Enterprise, bool>> marked = words.EnumerateRunes().Skip(1).Any()
            ? e => EF.Functions.Like(Marked(e.Name, e.NameEn), "%" + Marked(EF.Constant(words), null).Trim(Mark) + "%")
            : e => EF.Functions.Like(Marked(e.Name, e.NameEn), "%" + Marked(EF.Constant(words), null) + "%");
        var enterprise = named.Parameters[0];
        return Expression.Lambda<Func<Enterprise, bool>>(
            Expression.AndAlso(new ParameterReplacer(marked.Parameters[0], enterprise).Visit(marked.Body), named.Body), enterprise);
    }

    /// <summary>SQLite compares the patterns ignoring ASCII case, reading every name.</summary>
    private static Expression<Func<Enterprise, bool>> OnSqlite(string pattern) =>
        e => EF.Functions.Like(e.Name, pattern, @"\") || (e.NameEn != null && EF.Functions.Like(e.NameEn, pattern, @"\"));

    private static string Escape(string words) => words.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private static bool CouldStartCreditCode(string code) =>
        code.Length is > 0 and <= 18 && code.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'Z');
}
