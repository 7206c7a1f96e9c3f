namespace Oms.Hosting;

/// <summary>A loop body the host runs with whichever idle strategy is configured, specialised per strategy type.</summary>
internal interface IIdleLoop
{
    void Run<TIdle>(ref TIdle idle) where TIdle : struct, IIdleStrategy;
}

/// <summary>A configured idle strategy: the kind and its back-off parameters.</summary>
internal readonly record struct IdleSettings(IdleStrategyKind Kind, int Spins, int Yields, int ParkMilliseconds)
{
    /// <summary>Runs <paramref name="loop"/> with a fresh idle strategy of the configured kind (a struct, so the loop's calls inline).</summary>
    public void Run<TLoop>(TLoop loop) where TLoop : IIdleLoop
    {
        switch (Kind)
        {
            case IdleStrategyKind.BusySpin:
                var spin = new BusySpinIdleStrategy();
                loop.Run(ref spin);
                break;
            case IdleStrategyKind.Yielding:
                var yielding = new YieldingIdleStrategy();
                loop.Run(ref yielding);
                break;
            default:
                var backOff = new BackOffIdleStrategy(Spins, Yields, ParkMilliseconds);
                loop.Run(ref backOff);
                break;
        }
    }
}
