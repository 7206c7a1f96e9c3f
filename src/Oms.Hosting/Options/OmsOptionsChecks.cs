using System.ComponentModel.DataAnnotations;

namespace Oms.Hosting.Options;

/// <summary>The checks of <see cref="OmsOptions"/> that involve arithmetic or more than one field.</summary>
internal static class OmsOptionsChecks
{
    private static readonly TimeSpan s_minStopTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxStopTimeout = TimeSpan.FromHours(1);

    public static List<ValidationResult> CrossField(OmsOptions o)
    {
        var results = new List<ValidationResult>();
        if (o.MaxClOrdIds != 0 && o.MaxClOrdIds < 2L * o.MaxOrders)
        {
            results.Add(new ValidationResult(
                $"Oms:MaxClOrdIds must be 0 (the default, 4 × Oms:MaxOrders) or at least 2 × Oms:MaxOrders ({2L * o.MaxOrders}); was {o.MaxClOrdIds}",
                [nameof(OmsOptions.MaxClOrdIds)]));
        }

        if (o.StopTimeout < s_minStopTimeout || o.StopTimeout > s_maxStopTimeout)
        {
            results.Add(new ValidationResult(
                $"Oms:StopTimeout must be in {s_minStopTimeout}..{s_maxStopTimeout} (was {o.StopTimeout})", [nameof(OmsOptions.StopTimeout)]));
        }

        if (results.Count == 0)
        {
            // The engine's own checks stay the last word: they also guard direct users of OmsEngineOptions.
            string? engineProblem = o.ToEngineOptions().Validate();
            if (engineProblem is not null)
            {
                results.Add(new ValidationResult($"Oms engine options: {engineProblem}"));
            }
        }

        return results;
    }
}
