using FluentValidation;
using Mediator;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;
using SharedKernel.Errors;

namespace ServiceDefaults.Messaging;

/// <summary>
/// Validates every message that has validators before its handler runs, whoever sends it (an
/// endpoint, the CSV import, the seed loader). A query is what a caller asked to read, built from
/// its query parameters: a failure there is a 400 (<c>invalidParameter</c>). A command's failure is
/// a 422 (<c>validationFailed</c>): it was read, but breaks a rule. Every failure is keyed by field.
/// The <c>[MaxLength]</c> of a message's lists (<see cref="AnnotatedLimits"/>) is checked with them.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] validators = validators as IValidator<TMessage>[] ?? validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string[] messages) =>
            errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            foreach (var (field, messages) in result.ToDictionary())
            {
                Add(field, messages);
            }
        }

        foreach (var (field, text) in AnnotatedLimits.Violations(message))
        {
            Add(field, [text]);
        }

        if (errors.Count > 0)
        {
            throw message is IBaseQuery
                ? new BadRequestException(ErrorCodes.InvalidParameter, "One or more query parameters are invalid; see 'errors'.", errors)
                : new RuleViolationException(errors);
        }

        return await next(message, cancellationToken);
    }
}
