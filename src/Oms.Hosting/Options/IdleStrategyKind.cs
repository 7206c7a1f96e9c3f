namespace Oms.Hosting;

/// <summary>What a dedicated thread does when a duty cycle found no work (see <see cref="IIdleStrategy"/>).</summary>
public enum IdleStrategyKind
{
    /// <summary>Spin on the CPU: lowest wake-up latency, burns a whole core. Pair with <see cref="OmsOptions.EngineCpu"/>.</summary>
    BusySpin = 0,
    /// <summary>Yield the CPU to another ready thread after every idle cycle: low latency, still busy.</summary>
    Yielding = 1,
    /// <summary>Spin, then yield, then park (sleep) while idle: cheap when quiet, slower to wake.</summary>
    BackOff = 2,
}
