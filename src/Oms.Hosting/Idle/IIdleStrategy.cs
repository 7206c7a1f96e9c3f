namespace Oms.Hosting;

/// <summary>
/// What a dedicated thread does between duty cycles, given the work the last cycle did (Agrona's idle
/// strategies). Implementations are structs so the host's loops, generic over them, inline the call.
/// </summary>
/// <remarks>An instance belongs to one thread; it keeps the back-off state of that thread.</remarks>
public interface IIdleStrategy
{
    /// <summary>Called after every duty cycle with the work it did: 0 means idle (wait a little), more resets the back-off.</summary>
    void Idle(int workCount);

    /// <summary>Forgets any back-off state (the next idle cycle starts from the cheapest wait).</summary>
    void Reset();
}

/// <summary>Spins with one CPU pause hint per idle cycle (<see cref="Oms.SpinPause"/>): lowest wake-up latency, one core fully busy.</summary>
public struct BusySpinIdleStrategy : IIdleStrategy
{
    /// <inheritdoc />
    public readonly void Idle(int workCount)
    {
        if (workCount <= 0)
        {
            SpinPause.Once();
        }
    }

    /// <inheritdoc />
    public readonly void Reset()
    {
    }
}

/// <summary>Yields the rest of the time slice after every idle cycle.</summary>
public struct YieldingIdleStrategy : IIdleStrategy
{
    /// <inheritdoc />
    public readonly void Idle(int workCount)
    {
        if (workCount <= 0)
        {
            Thread.Yield();
        }
    }

    /// <inheritdoc />
    public readonly void Reset()
    {
    }
}

/// <summary>
/// Spins for <c>spins</c> idle cycles, then yields for <c>yields</c> more, then parks (sleeps
/// <c>parkMilliseconds</c>, 0 giving up the time slice) until work arrives again.
/// </summary>
/// <param name="spins">Idle cycles spent spinning.</param>
/// <param name="yields">Idle cycles spent yielding after the spins.</param>
/// <param name="parkMilliseconds">The park period once spinning and yielding are spent.</param>
public struct BackOffIdleStrategy(int spins, int yields, int parkMilliseconds) : IIdleStrategy
{
    private int _idleCycles;

    /// <inheritdoc />
    public void Idle(int workCount)
    {
        if (workCount > 0)
        {
            _idleCycles = 0;
            return;
        }

        if (_idleCycles < spins)
        {
            _idleCycles++;
            SpinPause.Once();
        }
        else if (_idleCycles < spins + yields)
        {
            _idleCycles++;
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(parkMilliseconds);
        }
    }

    /// <inheritdoc />
    public void Reset() => _idleCycles = 0;
}
