namespace Oms.Latency.Support;

/// <summary>
/// Keeps measured windows off a displaced placement of the CPUs. On a shared VM the hypervisor moves the vCPUs now
/// and then: passing a cache line between the producer's and the engine's CPU then costs 350 to 390 ns instead of
/// about 90 (this machine), and every end-to-end figure moves with it whatever the code does. The guard probes the
/// cross-CPU round trip before and after each measured window; when either is more than <see cref="SlowFactor"/>
/// times the lowest seen this run, the window was (at least in part) measured on a displaced placement, and the
/// runner waits up to <see cref="Wait"/> for the placement to come back and, if it does, measures the window again,
/// up to <see cref="Retries"/> times per session (the hypervisor keeps a placement for seconds to minutes, so
/// repeating at once mostly measures the same displacement again; a zero wait repeats at once). A window not
/// measured again is kept and flagged, so a run always ends and never hides what the machine did.
/// </summary>
/// <remarks>
/// The rule looks only at the machine's own probe, never at the figures it guards, so repeating windows cannot
/// favour a result. Single-threaded: the harness's coordinator thread runs every probe and window in turn.
/// </remarks>
public sealed class PlacementGuard
{
    /// <summary>A round trip more than this many times the run's lowest marks a displaced placement.</summary>
    public const double SlowFactor = 2.0;

    private readonly Func<long> _probe;
    private long _floor;

    /// <summary>A guard over <paramref name="probe"/> (a round trip's p50 in ns; 0 when not measured).</summary>
    /// <param name="probe">Measures the round trip now.</param>
    /// <param name="floor">The lowest round trip seen before (the start-of-run probe); 0 when none.</param>
    /// <param name="retries">Windows a session may measure again; 0 keeps every window.</param>
    /// <param name="wait">How long to wait, at most, for the placement to come back before measuring a window again.</param>
    public PlacementGuard(Func<long> probe, long floor, int retries, TimeSpan wait = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(floor);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        _probe = probe;
        _floor = floor;
        Retries = retries;
        Wait = wait;
    }

    /// <summary>A guard that measures nothing and repeats nothing (warm-up rounds; machine probes switched off).</summary>
    public static PlacementGuard Off { get; } = new(static () => 0, 0, 0);

    /// <summary>Windows a session may measure again.</summary>
    public int Retries { get; }

    /// <summary>How long to wait, at most, for the placement to come back before measuring a window again.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Time between probes while waiting.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Probes every <see cref="PollInterval"/> until a round trip is back within <see cref="SlowFactor"/> × the floor
    /// or <see cref="Wait"/> has passed; true when the placement came back. A zero wait means "do not wait, measure
    /// again at once": true, without a probe.
    /// </summary>
    public bool WaitForPlacement()
    {
        if (Wait == TimeSpan.Zero)
        {
            return true;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Wait)
        {
            long p = Probe();
            if (p > 0 && !IsDisplaced(p, p))
            {
                return true;
            }

            Thread.Sleep(PollInterval);
        }

        return false;
    }

    /// <summary>The lowest round trip seen so far (ns; 0 when none).</summary>
    public long Floor => _floor;

    /// <summary>Measures the round trip now (ns; 0 when not measured) and lowers the floor when it is lower.</summary>
    public long Probe()
    {
        long p = _probe();
        if (p > 0 && (_floor == 0 || p < _floor))
        {
            _floor = p;
        }

        return p;
    }

    /// <summary>True when either round trip shows a displaced placement (more than <see cref="SlowFactor"/> × the floor).</summary>
    public bool IsDisplaced(long before, long after) => _floor > 0 && Math.Max(before, after) > _floor * SlowFactor;
}
