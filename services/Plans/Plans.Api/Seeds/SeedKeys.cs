namespace Plans.Api.Seeds;

/// <summary>The keys of the <see cref="Domain.SeedRecord"/>s of a plan and its parts.</summary>
internal static class SeedKeys
{
    public static string Prefix(string plan) => $"{plan}|";
    public static string Plan(string plan) => $"{plan}|plan";
    public static string Indicator(string plan, string code) => $"{plan}|indicator|{code}";
    public static string Task(string plan, string code) => $"{plan}|task|{code}";
}
