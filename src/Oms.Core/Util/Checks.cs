using System.Runtime.CompilerServices;

namespace Oms;

/// <summary>
/// The switch for the engine's checks that release builds otherwise skip: the range checks of the order table's
/// <see cref="Tables.UncheckedColumn{T}"/>s and the internal invariants (<see cref="Invariant"/>). Off unless the
/// process turns it on: the test projects do, through the runtime option <c>Oms.Checks</c> in their runtimeconfig
/// (Directory.Build.props), so every test runs with the checks; the engine, the harness and the benchmarks run
/// without. <c>OMS_CHECKS=1</c> in the environment turns it on for any process, for example to run a replay or the
/// demo with checks.
/// </summary>
/// <remarks>
/// A <c>static readonly</c> field: once the class is initialised, the JIT's optimised code treats it as a
/// constant, so a check behind it costs nothing when it is off (the pattern of Agrona's
/// <c>UnsafeBuffer.SHOULD_BOUNDS_CHECK</c>).
/// </remarks>
internal static class Checks
{
    /// <summary>True when the checks run.</summary>
    public static readonly bool Enabled =
        (AppContext.TryGetSwitch("Oms.Checks", out bool on) && on)
        || Environment.GetEnvironmentVariable("OMS_CHECKS") == "1";

    /// <summary>
    /// Throws when the checks are on and <paramref name="holds"/> is false: an internal invariant, phrased as the
    /// rule that must hold. For a condition on values already in registers, which the JIT drops with the call when
    /// the checks are off; a condition that reads memory is written out as
    /// <c>if (Checks.Enabled &amp;&amp; !condition)</c> so that it is not evaluated at all.
    /// </summary>
    /// <param name="holds">The invariant's condition.</param>
    /// <param name="rule">The rule, for the exception's message.</param>
    /// <exception cref="InvalidOperationException">The invariant does not hold (checks on).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Invariant(bool holds, string rule)
    {
        if (Enabled && !holds)
        {
            ThrowHelper.ThrowInvariant(rule);
        }
    }
}
