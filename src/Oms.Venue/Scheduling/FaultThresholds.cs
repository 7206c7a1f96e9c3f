namespace Oms.Venue.Scheduling;

/// <summary>The fault probabilities of <see cref="SimVenueOptions"/> as integer thresholds for <see cref="SimRandom.Chance"/>.</summary>
internal readonly struct FaultThresholds(SimVenueOptions o)
{
    public ulong Reject { get; } = SimRandom.Threshold(o.RejectProbability);
    public ulong UnsolicitedCancel { get; } = SimRandom.Threshold(o.UnsolicitedCancelProbability);
    public ulong Duplicate { get; } = SimRandom.Threshold(o.DuplicateProbability);
    public ulong OutOfOrder { get; } = SimRandom.Threshold(o.OutOfOrderProbability);
    public ulong Bust { get; } = SimRandom.Threshold(o.BustProbability);
    public ulong Correction { get; } = SimRandom.Threshold(o.CorrectionProbability);
}
