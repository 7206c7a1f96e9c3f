using System.Numerics;

namespace Oms.Venue.Scheduling;

/// <summary>
/// The venue's seeded pseudo-random source: xoshiro256** seeded through SplitMix64, integer-only.
/// </summary>
/// <remarks>
/// Design: written here rather than taken from <c>System.Random</c> so the sequence for a seed is fixed by
/// this file, not by a runtime version, and no floating-point function (whose last bit may differ between
/// platforms) ever decides an outcome. Probabilities are turned into 53-bit integer thresholds once.
/// Not thread-safe: each instance belongs to the venue thread.
/// </remarks>
internal sealed class SimRandom
{
    private const int ProbabilityBits = 53;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator for <paramref name="seed"/> and <paramref name="stream"/> (independent streams per purpose).</summary>
    public SimRandom(long seed, ulong stream)
    {
        ulong x = (ulong)seed ^ (stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in 0..<paramref name="bound"/>-1 without bias (Lemire's method); 0 when bound is below 2.</summary>
    public long Below(long bound)
    {
        if (bound < 2)
        {
            return 0;
        }

        ulong n = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), n, out ulong low);
        if (low < n)
        {
            ulong threshold = (0 - n) % n;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), n, out low);
            }
        }

        return (long)high;
    }

    /// <summary>Uniform in <paramref name="min"/>..<paramref name="max"/>, both inclusive.</summary>
    public long Between(long min, long max) => min + Below(max - min + 1);

    /// <summary>True with the probability <paramref name="threshold"/> stands for (see <see cref="Threshold"/>); draws nothing for 0.</summary>
    public bool Chance(ulong threshold) => threshold != 0 && (NextUInt64() >> (64 - ProbabilityBits)) < threshold;

    /// <summary>A probability in [0, 1] as a 53-bit integer threshold (exact: a power-of-two scale).</summary>
    public static ulong Threshold(double probability) =>
        probability >= 1 ? 1UL << ProbabilityBits : probability <= 0 ? 0 : (ulong)(probability * (1UL << ProbabilityBits));

    /// <summary>A hash of the generator's state, for the venue's state hash.</summary>
    public ulong StateHash() => _s0 ^ BitOperations.RotateLeft(_s1, 16) ^ BitOperations.RotateLeft(_s2, 32) ^ BitOperations.RotateLeft(_s3, 48);

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
