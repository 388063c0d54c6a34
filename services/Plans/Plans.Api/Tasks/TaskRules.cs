using FluentValidation;

namespace Plans.Api.Tasks;

/// <summary>
/// The rules of a task's fields, for every message that carries them (creating, updating, reseeding).
/// Generic, so that no validator of the bare fields is registered and each message is validated once, by the pipeline.
/// </summary>
internal sealed class TaskFieldsRules<T> : AbstractValidator<T> where T : TaskFields
{
    public TaskFieldsRules()
    {
        RuleFor(t => t.Title).NotEmpty().MaximumLength(500);
        RuleFor(t => t.Description).MaximumLength(4000);
        RuleForEach(t => t.LeadUnits).NotEmpty().MaximumLength(200);
        RuleForEach(t => t.ResponsibleUnits).NotEmpty().MaximumLength(200);
        RuleFor(t => t.DueYear).InclusiveBetween(1949, 2100);
        RuleFor(t => t.ProgressNote).MaximumLength(4000);
    }
}

/// <summary>The rules of a new task: its code, and its fields.</summary>
internal sealed class CreateTaskRules<T> : AbstractValidator<T> where T : CreateTaskRequest
{
    public CreateTaskRules()
    {
        RuleFor(t => t.Code).NotEmpty().MaximumLength(64)
            .Must(code => !code!.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%'))
            .WithMessage("'code' may not contain spaces or the characters / \\ ? # %.");
        Include(new TaskFieldsRules<T>());
    }
}
