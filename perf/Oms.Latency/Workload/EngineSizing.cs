using Oms.Engine;
using Oms.Ring;

namespace Oms.Latency.Workload;

/// <summary>Engine capacities for a working set and the mix messages a session will apply on top of it.</summary>
/// <remarks>
/// The engine never forgets an order row or an ExecID during a session, so the tables grow with the session:
/// orders = N + the new orders of the mix; ExecIDs = N acknowledgements + every mix report; fills = the mix's
/// fills. Each bound is the weight's share of the messages plus 10% and 1,024 of headroom, far above what the
/// seeded draws can reach.
/// </remarks>
public static class EngineSizing
{
    /// <summary>
    /// Output queue slots (strategy streams, venue queues, anomalies) when a consumer drains them from its own
    /// thread (the latency sessions): a strategy that falls behind for about 10 ms at 5 M messages/s loses nothing.
    /// </summary>
    public const int OutputCapacity = 65_536;

    /// <summary>
    /// Output queue slots when every queue is drained on the engine's thread after each batch of 64 messages (the
    /// apply-throughput runs): no queue holds more than a few hundred events, so none can overflow (a dropped event
    /// fails the run), and the queues stay in the core's cache. The engine writes each event into the next slot;
    /// with 65,536 slots of 208 bytes per stream every write lands on a line evicted long ago, which costs this
    /// machine 15–25% of the apply rate at 10,000 live orders.
    /// </summary>
    public const int BatchDrainedOutputCapacity = 1_024;

    /// <summary>Options for <paramref name="liveOrders"/> live orders plus <paramref name="mixMessages"/> mix messages.</summary>
    /// <param name="liveOrders">Live orders of the working set.</param>
    /// <param name="mixMessages">Messages the session will apply on top of it.</param>
    /// <param name="ringCapacity">Inbound ring slots.</param>
    /// <param name="rowPrefetchMinRows">The engine's row-prefetch threshold; null: its default.</param>
    /// <param name="hugePages">Whether the engine asks for 2 MiB pages for its large arrays.</param>
    /// <param name="outputCapacity">Slots of every output queue (a power of two).</param>
    public static OmsEngineOptions For(int liveOrders, long mixMessages, int ringCapacity, int? rowPrefetchMinRows = null, bool hugePages = true,
        int outputCapacity = OutputCapacity)
    {
        long Bound(int weight) => (long)(mixMessages * (double)weight / WorkingSetGenerator.TotalWeight * 1.1) + 1_024;

        long orders = liveOrders + Bound(WorkingSetGenerator.LifecycleWeight);
        long requests = Bound(WorkingSetGenerator.LifecycleWeight + WorkingSetGenerator.ReplaceWeight);
        return new OmsEngineOptions
        {
            MaxOrders = checked((int)orders),
            // Every order's own id, the mix's requests, and the one the engine keeps free for each live order's cancel.
            MaxClOrdIds = checked((int)((2 * orders) + requests)),
            MaxExecIds = checked((int)(liveOrders + mixMessages + 1_024)),
            MaxFills = checked((int)Bound(WorkingSetGenerator.FillWeight)),
            MaxPositions = (2 * WorkloadMessages.Strategies * WorkloadMessages.Instruments) + 16,
            MaxStrategies = WorkloadMessages.Strategies,
            MaxAccounts = WorkloadMessages.Strategies,
            MaxInstruments = WorkloadMessages.Instruments,
            MaxVenues = WorkloadMessages.Venues,
            RingCapacity = ringCapacity,
            RowPrefetchMinRows = rowPrefetchMinRows ?? new OmsEngineOptions().RowPrefetchMinRows,
            HugePages = hugePages,
            // The load generator's one thread is the only producer.
            InboundProducers = ProducerMode.Single,
            StrategyEventCapacity = outputCapacity,
            VenueQueueCapacity = outputCapacity,
            AnomalyCapacity = outputCapacity,
        };
    }
}
