using Microsoft.Extensions.Options;

namespace QaBot.Core.Configuration;

/// <summary>Fails start-up when QaBot:Answering:Composer names no known composer.</summary>
public sealed class AnsweringComposerValidator : IValidateOptions<AnsweringOptions>
{
    public ValidateOptionsResult Validate(string? name, AnsweringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AnswerComposers.All.Contains(options.Composer, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{AnsweringOptions.SectionName}:Composer is '{options.Composer}'; use one of {string.Join(", ", AnswerComposers.All)}.");
    }
}
