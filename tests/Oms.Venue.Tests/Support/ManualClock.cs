namespace Oms.Venue.Tests.Support;

/// <summary>A nanosecond clock the test moves by hand; also a TimeProvider so OmsClient stamps commands from it.</summary>
public sealed class ManualClock(long startNanos) : TimeProvider
{
    public long Nanos { get; set; } = startNanos;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(Nanos / 100);
}
