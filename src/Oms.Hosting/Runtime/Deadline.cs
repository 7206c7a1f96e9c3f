using System.Diagnostics;

namespace Oms.Hosting;

/// <summary>A point in <see cref="Stopwatch"/> time that the steps of a stop share.</summary>
internal readonly record struct Deadline(long Timestamp)
{
    public static Deadline After(TimeSpan timeout) =>
        new(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));

    /// <summary>This deadline, or <paramref name="grace"/> from now if that is later: a thread being stopped always gets a moment to end.</summary>
    public Deadline AtLeast(TimeSpan grace)
    {
        Deadline floor = After(grace);
        return floor.Timestamp > Timestamp ? floor : this;
    }

    public bool Expired => Stopwatch.GetTimestamp() > Timestamp;

    /// <summary>Time left (zero once expired), capped at a day so it always fits a wait.</summary>
    public TimeSpan Remaining
    {
        get
        {
            long left = Timestamp - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return TimeSpan.Zero;
            }

            TimeSpan t = Stopwatch.GetElapsedTime(0, left);
            return t > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : t;
        }
    }
}
