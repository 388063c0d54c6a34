namespace ServiceDefaults.Json;

/// <summary>Turns a System.Text.Json path (<c>$.targets[0].year</c>) into the field name used in <c>errors</c>.</summary>
public static class JsonPath
{
    public static string ToFieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
