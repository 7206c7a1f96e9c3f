using Microsoft.Extensions.Options;

namespace Oms.Hosting;

/// <summary>
/// Validates <see cref="OmsOptions"/> without reflection: the options source generator writes the checks of
/// every DataAnnotations attribute (and of the nested <see cref="OmsJournalOptions"/>) and calls
/// <see cref="OmsOptions.Validate"/> for the cross-field rules. Registered by <c>AddOms</c> with
/// <c>ValidateOnStart</c>, so a bad value stops the host before the engine starts.
/// </summary>
[OptionsValidator]
public sealed partial class OmsOptionsValidator : IValidateOptions<OmsOptions>
{
}
