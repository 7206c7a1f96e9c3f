using System.Diagnostics;

namespace Oms.Benchmarks.Support;

/// <summary>
/// Runs a scenario until the tiered JIT has put its optimised (tier-1, dynamic PGO) code in place, for
/// benchmarks whose [IterationSetup] pins one invocation per iteration.
/// </summary>
/// <remarks>
/// Why: with one invocation per iteration, BenchmarkDotNet's jitting stage runs the benchmark once and a short
/// job then measures a few iterations, so the engine's methods were still tier-0 (unoptimised) code, about
/// three times slower here. The tiered JIT starts counting calls only after 100 ms without new tier-0
/// compilations and compiles in the background (slowly on a busy 2-core machine), so the scenario runs with
/// pauses between rounds until its time stops improving: at least <see cref="MinRounds"/> rounds, then until
/// three rounds in a row come within 5% of the best, at most <see cref="MaxRounds"/>. The resulting profile is
/// the scenario's mix, as a live engine's is the mix of its traffic.
/// </remarks>
public static class JitWarmup
{
    /// <summary>Fewest rounds.</summary>
    public const int MinRounds = 6;
    /// <summary>Most rounds.</summary>
    public const int MaxRounds = 30;

    /// <summary>Runs <paramref name="scenario"/> until its time settles; returns the rounds run.</summary>
    public static int Run(Action scenario)
    {
        long best = long.MaxValue;
        int settled = 0;
        int round = 0;
        while (round < MaxRounds)
        {
            long start = Stopwatch.GetTimestamp();
            scenario();
            long elapsed = Stopwatch.GetTimestamp() - start;
            round++;
            settled = elapsed * 20 <= best * 21 ? settled + 1 : 0;
            best = Math.Min(best, elapsed);
            if (round >= MinRounds && settled >= 3)
            {
                break;
            }

            Thread.Sleep(150);
        }

        return round;
    }
}
