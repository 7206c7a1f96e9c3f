namespace Oms.Hosting;

/// <summary>How one hosted strategy is doing; written by its thread, readable from any thread.</summary>
public sealed class StrategyStatus
{
    private long _eventsDelivered;
    private long _lastSequence;
    private long _missedEvents;
    private long _ordersFilled;
    private int _openOrders;
    private volatile bool _stopAcknowledged;
    private volatile bool _completed;
    private volatile Exception? _fault;
    private readonly Lock _positionsLock = new();
    private readonly Dictionary<int, StrategyPositionSnapshot> _positions = [];

    internal StrategyStatus(OmsStrategy strategy)
    {
        Strategy = strategy;
        StrategyId = strategy.StrategyId;
        Name = strategy.Name;
    }

    /// <summary>The strategy instance. Its own state belongs to its thread: read it once <see cref="Completed"/> is true.</summary>
    public OmsStrategy Strategy { get; }

    /// <summary>The strategy id.</summary>
    public int StrategyId { get; }

    /// <summary>The strategy's name (<see cref="OmsStrategy.Name"/>).</summary>
    public string Name { get; }

    /// <summary>Events handed to the strategy's callbacks.</summary>
    public long EventsDelivered => Volatile.Read(ref _eventsDelivered);

    /// <summary>
    /// The stream sequence of the last event delivered: <see cref="EventsDelivered"/> + <see cref="MissedEvents"/>,
    /// less the events missed after it (those the engine dropped at the end of the stream, counted when the host stops).
    /// </summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    /// <summary>
    /// Events lost because the strategy fell more than <c>Oms:StrategyEventCapacity</c> behind: sequence gaps seen
    /// while it ran, and once the host has stopped, the events the engine numbered after the last one delivered.
    /// </summary>
    public long MissedEvents => Volatile.Read(ref _missedEvents);

    /// <summary>Orders of this strategy that a fill left fully filled.</summary>
    public long OrdersFilled => Volatile.Read(ref _ordersFilled);

    /// <summary>True once the strategy's <see cref="OmsStrategy.OnStopping"/> has returned.</summary>
    public bool StopAcknowledged => _stopAcknowledged;

    /// <summary>True once the strategy has taken every event the engine produced and <see cref="OmsStrategy.OnStopped"/> has returned.</summary>
    public bool Completed => _completed;

    /// <summary>The exception that ended the strategy, or null.</summary>
    public Exception? Fault => _fault;

    internal void Delivered(long sequence, long missed)
    {
        Volatile.Write(ref _eventsDelivered, _eventsDelivered + 1);
        Volatile.Write(ref _lastSequence, sequence);
        Volatile.Write(ref _missedEvents, missed);
    }

    internal void MissedAtEnd(long missed) => Volatile.Write(ref _missedEvents, missed);

    /// <summary>
    /// The strategy's latest position per instrument, as its events reported them (net quantity, average cost
    /// and realized PnL, raw values): a consistent copy, readable from any thread while the strategy runs.
    /// </summary>
    public IReadOnlyList<StrategyPositionSnapshot> Positions()
    {
        lock (_positionsLock)
        {
            return [.. _positions.Values.OrderBy(p => p.InstrumentId)];
        }
    }

    internal void PositionChanged(int instrumentId, long netQty, long avgCost, Int128 realizedPnl)
    {
        lock (_positionsLock)
        {
            _positions[instrumentId] = new StrategyPositionSnapshot(instrumentId, netQty, avgCost, realizedPnl);
        }
    }

    /// <summary>Orders of this strategy still open, as its own mirror counted them after its latest event.</summary>
    public int OpenOrders => Volatile.Read(ref _openOrders);

    internal void OpenOrdersNow(int count) => Volatile.Write(ref _openOrders, count);

    internal void OrderFilled() => Volatile.Write(ref _ordersFilled, _ordersFilled + 1);

    internal void AcknowledgeStop() => _stopAcknowledged = true;

    internal void Complete() => _completed = true;

    internal void Failed(Exception fault) => _fault = fault;
}

/// <summary>One instrument's position of a strategy, as its latest event stated it (raw fixed-point values).</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="NetQty">Signed net quantity.</param>
/// <param name="AvgCost">Average cost, at the price scale.</param>
/// <param name="RealizedPnl">Realized PnL, at the notional scale.</param>
public readonly record struct StrategyPositionSnapshot(int InstrumentId, long NetQty, long AvgCost, Int128 RealizedPnl);
