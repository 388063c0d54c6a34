using System.Text;

namespace TestSupport;

/// <summary>Everything a database keeps, read around the service: what someone with a copy of its storage has.</summary>
public static class RawStorage
{
    /// <summary>
    /// SQLite: the bytes of every file of the database (main file, write-ahead log, shared memory).
    /// PostgreSQL: every value of every table, and the bytes of the database's files and of the
    /// write-ahead log written since <paramref name="since"/>, after a checkpoint.
    /// </summary>
    public static async Task<List<(string Where, byte[] Bytes)>> ReadAsync(RawDatabase database, DateTime since)
    {
        var chunks = new List<(string, byte[])>();
        await foreach (var chunk in ReadEachAsync(database, since))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>
    /// The same, one chunk at a time, for storage too large to hold at once; <paramref name="since"/>
    /// null leaves PostgreSQL's write-ahead log out (it is the server's, shared by its databases, and
    /// need be read only once for several).
    /// </summary>
    public static async IAsyncEnumerable<(string Where, byte[] Bytes)> ReadEachAsync(RawDatabase database, DateTime? since)
    {
        if (!database.OnPostgres)
        {
            foreach (var chunk in await ReadSqliteFilesAsync(database.Directory))
            {
                yield return chunk;
            }

            yield break;
        }

        var tables = await database.QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            foreach (var row in await database.QueryAsync($"SELECT * FROM \"{table}\""))
            {
                foreach (var value in row)
                {
                    yield return ($"table {table}", value switch
                    {
                        null => [],
                        byte[] bytes => bytes,
                        _ => Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
                    });
                }
            }
        }

        await database.ExecuteAsync("CHECKPOINT");
        var dataDirectory = (string)(await database.QueryAsync("SHOW data_directory"))[0][0]!;
        var oid = Convert.ToString((await database.QueryAsync("SELECT oid FROM pg_database WHERE datname = current_database()"))[0][0],
            System.Globalization.CultureInfo.InvariantCulture);
        var files = Directory.GetFiles(Path.Combine(dataDirectory, "base", oid!)).AsEnumerable();
        if (since is { } walSince)
        {
            files = files.Concat(Directory.GetFiles(Path.Combine(dataDirectory, "pg_wal")).Where(f => File.GetLastWriteTimeUtc(f) >= walSince));
        }

        foreach (var file in files)
        {
            yield return (file, await ReadSharedAsync(file));
        }
    }

    /// <summary>
    /// Every file of the folder, read again from the start when one vanishes between the listing and its
    /// reading: the last connection's close checkpoints the write-ahead log into the main file and deletes
    /// it (and the shared memory), so the main file read before holds less than the log did.
    /// </summary>
    private static async Task<List<(string Where, byte[] Bytes)>> ReadSqliteFilesAsync(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var chunks = new List<(string, byte[])>();
                foreach (var file in Directory.GetFiles(directory))
                {
                    chunks.Add((file, await ReadSharedAsync(file)));
                }

                return chunks;
            }
            catch (FileNotFoundException) when (attempt < 5)
            {
                // A file went away while the folder was read: list it again.
            }
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
