using Npgsql;
using NpgsqlTypes;
using SharedKernel.Time;
using TestSupport;

namespace MetricEngineBench;

/// <summary>
/// The register's starting state, written straight into the Enterprises database with binary COPY:
/// setting the stage is not what is measured. Every enterprise and qualification comes from a
/// fixed seed, so two runs load the same register. The Plans service learns of it only by
/// reconciliation, which is measured.
/// </summary>
internal sealed class Register(string connectionString, int seed)
{
    /// <summary>Districts the generated enterprises are spread over; one in five is in Jinghai (120118).</summary>
    private static readonly string[] Districts =
        ["120101", "120102", "120103", "120104", "120105", "120106", "120110", "120111", "120112", "120113", "120114", "120115", "120116", "120117", "120119"];

    public const string Jinghai = "120118";

    private readonly Random random = new(seed);
    private readonly HashSet<string> written = [];

    /// <summary>Credit codes written so far, in order; the first of each district without a HighTech grant are the burst's.</summary>
    public List<(string CreditCode, string District)> Enterprises { get; } = [];

    public int Qualifications { get; private set; }

    /// <summary>Adds enterprises until the register holds <paramref name="size"/>, then valid HighTech grants until <paramref name="valid"/>.</summary>
    public async Task GrowAsync(int size, int valid)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var from = Enterprises.Count;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Enterprises\" (\"CreditCode\", \"Name\", \"RegionCode\", \"Industry\", \"FoundedOn\", \"Version\", \"CreatedAt\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = from; i < size; i++)
            {
                var district = i % 5 == 0 ? Jinghai : Districts[random.Next(Districts.Length)];
                string code;
                do
                {
                    code = CreditCodes.New(district, random);
                }
                while (!written.Add(code));
                Enterprises.Add((code, district));
                await copy.StartRowAsync();
                await copy.WriteAsync(code, NpgsqlDbType.Varchar);
                await copy.WriteAsync($"天津基准测试科技有限公司{i:D7}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(district, NpgsqlDbType.Varchar);
                await copy.WriteAsync("新一代信息技术", NpgsqlDbType.Varchar);
                await copy.WriteAsync(new DateOnly(2010, 1, 1).AddDays(random.Next(3650)), NpgsqlDbType.Date);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        // Grants go to enterprises outside Jinghai, so Jinghai's enterprises stay free for the bursts.
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY \"Qualifications\" (\"CreditCode\", \"Type\", \"CertificateNumber\", \"GrantedOn\", \"ExpiresOn\", \"Status\") FROM STDIN (FORMAT BINARY)"))
        {
            var today = TimeProvider.System.Today();
            var holders = Enterprises.Where(e => e.District != Jinghai).Skip(Qualifications).Take(valid - Qualifications).ToList();
            foreach (var (code, _) in holders)
            {
                var grantedOn = today.AddDays(-random.Next(1, 1000));
                await copy.StartRowAsync();
                await copy.WriteAsync(code, NpgsqlDbType.Varchar);
                await copy.WriteAsync("HighTech", NpgsqlDbType.Varchar);
                await copy.WriteAsync($"GR{Qualifications:D10}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(grantedOn, NpgsqlDbType.Date);
                await copy.WriteAsync(grantedOn.AddYears(3).AddDays(-1), NpgsqlDbType.Date);
                await copy.WriteAsync("Valid", NpgsqlDbType.Varchar);
                Qualifications++;
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE \"Enterprises\"; ANALYZE \"Qualifications\";", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Jinghai enterprises holding nothing yet, for grants through the API.</summary>
    public IEnumerable<string> FreeInJinghai() => Enterprises.Where(e => e.District == Jinghai).Select(e => e.CreditCode);
}
