using SharedKernel.Errors;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Validation;

/// <summary>
/// JSON Merge Patch (RFC 7396) over an update model: members present in the patch replace the
/// current ones, <c>null</c> clears them, absent ones stay. The merged model is validated by the
/// same validator as a full update, so a PATCH can never store what a PUT or POST would refuse.
/// </summary>
public sealed class JsonMergePatch(IOptions<JsonOptions> jsonOptions, IServiceProvider services)
{
    /// <summary>Fields every resource carries that only the system sets.</summary>
    private static readonly HashSet<string> SystemFields = ["createdAt", "updatedAt"];

    private JsonSerializerOptions Options => jsonOptions.Value.SerializerOptions;

    /// <param name="current">The resource's current updatable fields.</param>
    /// <param name="patch">The patch document.</param>
    /// <param name="readOnly">Fields of the resource that a patch may not change, with the reason
    /// (createdAt and updatedAt are refused for every resource).</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    public async Task<T> ApplyAsync<T>(T current, JsonObject patch, IReadOnlyDictionary<string, string> readOnly,
        CancellationToken cancellationToken)
    {
        string? Refusal(string field) => readOnly.TryGetValue(field, out var reason) ? reason
            : SystemFields.Contains(field) ? "Set by the system." : null;
        var refused = patch
            .Where(member => Refusal(member.Key) is not null)
            .ToDictionary(member => member.Key, member => new[] { Refusal(member.Key)! });
        if (refused.Count > 0)
        {
            throw new RuleViolationException(refused);
        }

        var merged = JsonSerializer.SerializeToNode(current, Options)!.AsObject();
        Merge(merged, patch);
        var result = merged.Deserialize<T>(Options)
            ?? throw new BadRequestException(ErrorCodes.InvalidJson, "The patch must be a JSON object.");

        if (services.GetService<IValidator<T>>() is { } validator)
        {
            await RequestValidation.ValidateAsync(validator, result, cancellationToken);
        }

        return result;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToArray())
        {
            if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
