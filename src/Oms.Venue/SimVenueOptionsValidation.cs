namespace Oms.Venue;

/// <summary>The checks behind <see cref="SimVenueOptions.Validate"/>.</summary>
internal static class SimVenueOptionsValidation
{
    public static string? Validate(SimVenueOptions o)
    {
        return Instruments(o)
            ?? Positive(o.MaxOrders, nameof(o.MaxOrders))
            ?? Positive(o.MaxQueuedReports, nameof(o.MaxQueuedReports))
            ?? Positive(o.DrainLimit, nameof(o.DrainLimit))
            ?? NotNegative(o.AckLatencyNanos, nameof(o.AckLatencyNanos))
            ?? NotNegative(o.AckJitterNanos, nameof(o.AckJitterNanos))
            ?? NotNegative(o.FillLatencyNanos, nameof(o.FillLatencyNanos))
            ?? NotNegative(o.FillJitterNanos, nameof(o.FillJitterNanos))
            ?? NotNegative(o.SessionEndNanos, nameof(o.SessionEndNanos))
            ?? NotNegative(o.SessionLengthNanos, nameof(o.SessionLengthNanos))
            ?? NotNegative(o.BackgroundLevels, nameof(o.BackgroundLevels))
            ?? Positive(o.BackgroundHalfSpreadTicks, nameof(o.BackgroundHalfSpreadTicks))
            ?? Positive(o.BackgroundMaxLots, nameof(o.BackgroundMaxLots))
            ?? NotNegative(o.MidStepIntervalNanos, nameof(o.MidStepIntervalNanos))
            ?? NotNegative(o.MidStepMaxTicks, nameof(o.MidStepMaxTicks))
            ?? NotNegative(o.AggressorIntervalNanos, nameof(o.AggressorIntervalNanos))
            ?? Positive(o.AggressorMaxLots, nameof(o.AggressorMaxLots))
            ?? NotNegative(o.AggressorReachTicks, nameof(o.AggressorReachTicks))
            ?? Positive(o.BackgroundMaxCatchUpNanos, nameof(o.BackgroundMaxCatchUpNanos))
            ?? Probability(o.RejectProbability, nameof(o.RejectProbability))
            ?? Probability(o.UnsolicitedCancelProbability, nameof(o.UnsolicitedCancelProbability))
            ?? NotNegative(o.UnsolicitedCancelDelayNanos, nameof(o.UnsolicitedCancelDelayNanos))
            ?? Probability(o.DuplicateProbability, nameof(o.DuplicateProbability))
            ?? NotNegative(o.DuplicateDelayNanos, nameof(o.DuplicateDelayNanos))
            ?? Probability(o.OutOfOrderProbability, nameof(o.OutOfOrderProbability))
            ?? Probability(o.BustProbability, nameof(o.BustProbability))
            ?? Probability(o.CorrectionProbability, nameof(o.CorrectionProbability))
            ?? (o.BustProbability + o.CorrectionProbability > 1
                ? $"{nameof(o.BustProbability)} + {nameof(o.CorrectionProbability)} must not exceed 1 (a trade is busted or corrected, not both)"
                : null)
            // A bust must be due after the fill it names, or the engine would not know the fill yet.
            ?? Positive(o.BustDelayNanos, nameof(o.BustDelayNanos));
    }

    private static string? Instruments(SimVenueOptions o)
    {
        if (o.Instruments is null || o.Instruments.Count == 0)
        {
            return $"{nameof(o.Instruments)} must list at least one instrument";
        }

        var seen = new HashSet<int>();
        for (int i = 0; i < o.Instruments.Count; i++)
        {
            SimInstrumentOptions? s = o.Instruments[i];
            string at = $"{nameof(o.Instruments)}[{i}]";
            if (s is null)
            {
                return $"{at} is missing";
            }

            if (s.InstrumentId < 1)
            {
                return $"{at}.{nameof(s.InstrumentId)} must be positive (was {s.InstrumentId})";
            }

            if (!seen.Add(s.InstrumentId))
            {
                return $"{at}.{nameof(s.InstrumentId)} {s.InstrumentId} is listed twice";
            }

            if (s.TickSize < 1)
            {
                return $"{at}.{nameof(s.TickSize)} must be positive (was {s.TickSize})";
            }

            if (s.LotSize < 1)
            {
                return $"{at}.{nameof(s.LotSize)} must be positive (was {s.LotSize})";
            }

            long floor = (long)(o.BackgroundHalfSpreadTicks + Math.Max(o.BackgroundLevels, 1)) * s.TickSize;
            if (s.InitialMid <= floor || s.InitialMid % s.TickSize != 0)
            {
                return $"{at}.{nameof(s.InitialMid)} must be a multiple of {nameof(s.TickSize)} above {floor} "
                    + $"(so every background bid has a positive price) (was {s.InitialMid})";
            }
        }

        return null;
    }

    private static string? Positive(long value, string name) => value > 0 ? null : $"{name} must be positive (was {value})";

    private static string? NotNegative(long value, string name) => value >= 0 ? null : $"{name} must not be negative (was {value})";

    private static string? Probability(double value, string name) =>
        value is >= 0 and <= 1 ? null : $"{name} must be a probability in [0, 1] (was {value})";
}
