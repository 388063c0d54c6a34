using Plans.Api.Domain;

namespace Plans.Api.Metrics;

public enum EnterpriseMetricKind
{
    /// <summary><c>enterprises.qualified.{Type}</c>: enterprises holding a valid qualification of the type today.</summary>
    Qualified,
    /// <summary><c>enterprises.granted.{Type}</c>: qualifications of the type granted since the indicator's baseline.</summary>
    Granted,
}

/// <summary>A metric of the enterprise register an indicator can be bound to.</summary>
public sealed record EnterpriseMetric(EnterpriseMetricKind Kind, string Type)
{
    public const string Prefix = "enterprises.";

    public string Key => $"enterprises.{(Kind == EnterpriseMetricKind.Qualified ? "qualified" : "granted")}.{Type}";

    /// <summary>The metric a binding names, or null when it is not an enterprise-register metric.</summary>
    public static EnterpriseMetric? Parse(string? key) => key?.Split('.') switch
    {
        ["enterprises", "qualified", var type] when MetricKey.QualificationTypes.Contains(type) => new(EnterpriseMetricKind.Qualified, type),
        ["enterprises", "granted", var type] when MetricKey.QualificationTypes.Contains(type) => new(EnterpriseMetricKind.Granted, type),
        _ => null,
    };
}
