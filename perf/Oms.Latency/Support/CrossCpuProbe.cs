using HdrHistogram;
using Oms.Latency.Results;
using Oms.Ring;

namespace Oms.Latency.Support;

/// <summary>
/// Measures what it costs this machine to pass a cache line from one hot CPU to another and back: two pinned
/// threads take turns writing one padded counter, each waiting (one spin-loop hint per poll, as the engine's
/// idle strategy and the harness's consumers do) until the other has written its turn.
/// </summary>
/// <remarks>
/// <para>Why: every end-to-end figure crosses CPUs (producer → engine, engine → strategy side), and each crossing
/// moves at least one line written on the other CPU: the ring's flag, then the message, then the event. That cost
/// depends on where the hypervisor places the two vCPUs (two cores, or two hyperthreads of one) and moves between
/// runs on a shared VM, more than any code change does. A report that states it lets a reader tell the machine's
/// floor from the engine's work.</para>
/// <para>Each recorded round trip is one turn each way plus one clock read (the noise probe's gap p50 shows
/// what a read costs). The first <see cref="WarmupRoundTrips"/> are not recorded. Both loops also stop at a
/// deadline, so threads left unpinned on one busy CPU (which take turns only when the scheduler switches them)
/// end the probe on time with fewer round trips instead of hanging it.</para>
/// </remarks>
public static class CrossCpuProbe
{
    /// <summary>Round trips at the start that warm the line and the code, not recorded.</summary>
    public const int WarmupRoundTrips = 10_000;

    /// <summary>
    /// Passes the line between <paramref name="fromCpu"/> (which times each round trip) and <paramref name="toCpu"/>
    /// <paramref name="roundTrips"/> times, or until <paramref name="seconds"/> have passed.
    /// </summary>
    /// <param name="fromCpu">The initiating thread's CPU (-1: not pinned).</param>
    /// <param name="toCpu">The answering thread's CPU (-1: not pinned).</param>
    /// <param name="roundTrips">Round trips to record, after the warm-up ones.</param>
    /// <param name="seconds">The deadline, counted from the first round trip.</param>
    public static CrossCpuResult Run(int fromCpu, int toCpu, int roundTrips, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrips, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        var line = new SharedLine();
        LongHistogram histogram = Histograms.Create();
        long budget = (long)(seconds * 1e9);
        using var answering = new PinnedWorker($"cross-cpu-{toCpu}", toCpu, () => Answer(line, budget));
        using var initiating = new PinnedWorker($"cross-cpu-{fromCpu}", fromCpu, () => Initiate(line, histogram, roundTrips, budget));
        answering.Run();
        initiating.Run();
        initiating.Wait();
        answering.Wait();
        return new CrossCpuResult(fromCpu, toCpu, initiating.Pinned && answering.Pinned, Percentiles.From(histogram),
            histogram.TotalCount < roundTrips);
    }

    // The counter holds 2k+1 while turn k waits for its answer and 2k+2 once answered; Stop ends the answering loop.
    private const long Stop = -1;

    private static void Initiate(SharedLine line, LongHistogram histogram, int roundTrips, long budget)
    {
        long deadline = NanoClock.Now() + budget;
        try
        {
            for (long k = 0; k < WarmupRoundTrips + roundTrips; k++)
            {
                long ask = (2 * k) + 1;
                long start = NanoClock.Now();
                Volatile.Write(ref line.Counter.Value, ask);
                if (!AwaitValue(ref line.Counter.Value, ask + 1, deadline))
                {
                    return;
                }

                long elapsed = NanoClock.Now() - start;
                if (k >= WarmupRoundTrips)
                {
                    Histograms.Record(histogram, elapsed);
                }
            }
        }
        finally
        {
            Volatile.Write(ref line.Counter.Value, Stop);
        }
    }

    private static void Answer(SharedLine line, long budget)
    {
        long deadline = NanoClock.Now() + budget;
        long answered = 0;
        for (int polls = 1; ; polls++)
        {
            long value = Volatile.Read(ref line.Counter.Value);
            if (value == Stop)
            {
                return;
            }

            if ((value & 1) == 1 && value != answered)
            {
                answered = value;
                Volatile.Write(ref line.Counter.Value, value + 1);
                continue;
            }

            SpinPause.Once();
            if ((polls & 1023) == 0 && NanoClock.Now() > deadline)
            {
                return;
            }
        }
    }

    private static bool AwaitValue(ref long location, long expected, long deadline)
    {
        for (int polls = 1; Volatile.Read(ref location) != expected; polls++)
        {
            SpinPause.Once();
            if ((polls & 1023) == 0 && NanoClock.Now() > deadline)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class SharedLine
    {
        // Padded on both sides: nothing else on the heap shares its line.
        public PaddedSequence Counter;
    }
}

/// <summary>What the cross-CPU probe saw: round trips of one cache line between two CPUs.</summary>
/// <param name="FromCpu">The CPU of the thread that timed each round trip (-1: not pinned).</param>
/// <param name="ToCpu">The CPU of the thread that answered (-1: not pinned).</param>
/// <param name="Pinned">True when both threads were pinned where asked.</param>
/// <param name="RoundTrip">Percentiles of the round trips, ns (each includes one clock read).</param>
/// <param name="CutShort">True when the deadline came before every round trip asked for was recorded.</param>
public sealed record CrossCpuResult(int FromCpu, int ToCpu, bool Pinned, Percentiles RoundTrip, bool CutShort);
