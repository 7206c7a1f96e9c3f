namespace Oms;

/// <summary>
/// The switch for the engine's range checks where release builds otherwise skip them (the order table's
/// <see cref="Tables.UncheckedColumn{T}"/>s). Off unless the process turns it on: the test projects do, through
/// the runtime option <c>Oms.Checks</c> in their runtimeconfig (Directory.Build.props), so every test runs with
/// the checks; the engine, the harness and the benchmarks run without. <c>OMS_CHECKS=1</c> in the environment
/// turns it on for any process, for example to run a replay or the demo with checks.
/// </summary>
/// <remarks>
/// A <c>static readonly</c> field: once the class is initialised, the JIT's optimised code treats it as a
/// constant, so a check behind it costs nothing when it is off (the pattern of Agrona's
/// <c>UnsafeBuffer.SHOULD_BOUNDS_CHECK</c>).
/// </remarks>
internal static class Checks
{
    /// <summary>True when range checks run.</summary>
    public static readonly bool Enabled =
        (AppContext.TryGetSwitch("Oms.Checks", out bool on) && on)
        || Environment.GetEnvironmentVariable("OMS_CHECKS") == "1";
}
