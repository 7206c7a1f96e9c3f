using Oms.Ring;

namespace Oms.Engine;

/// <summary>
/// Capacities and limits of one engine, fixed at construction: everything the engine needs is preallocated
/// from these, and hitting one is a clear reject, never a crash or a resize.
/// </summary>
public sealed class OmsEngineOptions
{
    /// <summary>Order rows (live and terminal) for the session.</summary>
    public int MaxOrders { get; set; } = 65_536;
    /// <summary>
    /// ClOrdIDs across all chains (originals, replaces, cancel requests). Default: 4 × orders; at least 2 × orders.
    /// The engine keeps one free for each live order's cancel: new orders and replaces are refused
    /// (<see cref="RejectReason.IdCapacity"/>) before they would take it, so a cancel or mass cancel always finds one.
    /// </summary>
    public int MaxClOrdIds { get; set; }
    /// <summary>ExecIDs remembered for duplicate detection. Default: 8 × orders.</summary>
    public int MaxExecIds { get; set; }
    /// <summary>Fills recorded for busts and corrections. Default: 4 × orders.</summary>
    public int MaxFills { get; set; }
    /// <summary>Position rows (account × instrument plus strategy × instrument).</summary>
    public int MaxPositions { get; set; } = 16_384;
    /// <summary>Strategy ids run 1..MaxStrategies.</summary>
    public int MaxStrategies { get; set; } = 64;
    /// <summary>Account ids run 1..MaxAccounts.</summary>
    public int MaxAccounts { get; set; } = 1_024;
    /// <summary>Instrument ids run 1..MaxInstruments.</summary>
    public int MaxInstruments { get; set; } = 65_536;
    /// <summary>Venue ids run 1..MaxVenues; each has an outbound queue.</summary>
    public int MaxVenues { get; set; } = 8;
    /// <summary>Inbound ring slots (a power of two).</summary>
    public int RingCapacity { get; set; } = 65_536;
    /// <summary>
    /// Who publishes into the inbound ring: any number of threads (<see cref="ProducerMode.Multi"/>, the
    /// default), or one thread only (<see cref="ProducerMode.Single"/>: a replay, or one gateway thread that
    /// also runs the strategies), which saves a compare-and-swap per message. In single mode the first
    /// thread that publishes owns the ring and any other thread's publish throws.
    /// </summary>
    public ProducerMode InboundProducers { get; set; } = ProducerMode.Multi;
    /// <summary>Most messages applied per <see cref="OmsEngine.DoWork"/> call.</summary>
    public int DrainLimit { get; set; } = 256;
    /// <summary>
    /// Rows in use (live and terminal) from which the engine also prefetches each order row a few messages
    /// ahead, besides the id-index lines it always prefetches. Below it the table stays in the last-level
    /// cache and the look-ahead costs more than it saves; above it a report would otherwise wait on memory
    /// once per column it reads. 0 always prefetches rows; <see cref="int.MaxValue"/> never does. The default,
    /// 65,536, is where the crossover lay on the reference machine (decision 0006).
    /// </summary>
    public int RowPrefetchMinRows { get; set; } = 65_536;
    /// <summary>
    /// Whether the engine asks the kernel for 2 MiB pages for each table, ring and queue array of 4 MiB or more
    /// (Linux <c>madvise(MADV_HUGEPAGE)</c> on pinned arrays), and commits those arrays at construction. A
    /// random lookup in a large table then misses the cache without also missing the TLB. On by default; best
    /// effort (other systems, transparent huge pages set to <c>never</c>, or no free huge page: small pages, as
    /// when off). It changes no result. Off: ordinary arrays, whose pages the kernel commits on first touch.
    /// </summary>
    public bool HugePages { get; set; } = true;
    /// <summary>Slots of each strategy's event stream (a power of two).</summary>
    public int StrategyEventCapacity { get; set; } = 8_192;
    /// <summary>Slots of each venue's outbound command queue (a power of two).</summary>
    public int VenueQueueCapacity { get; set; } = 8_192;
    /// <summary>
    /// Active fills of a position row between two of its checkpoints (its state saved before a fill), a power
    /// of two. A bust or correction rebuilds the row from the last checkpoint before the fill it changes, so it
    /// replays up to about this many fills more than the fills after the changed one; smaller values take more
    /// memory (two checkpoints of 96 bytes per this many fills of <see cref="MaxFills"/>).
    /// </summary>
    public int PositionCheckpointInterval { get; set; } = Tables.PositionTable.DefaultCheckpointInterval;

    /// <summary>Slots of the anomaly stream (a power of two).</summary>
    public int AnomalyCapacity { get; set; } = 8_192;

    /// <summary>The most order rows an engine holds: its id indexes' defaults (up to 8 × this) stay within <see cref="Tables.TokenIndex.MaxEntriesLimit"/>.</summary>
    public const int MaxOrdersLimit = 1 << 26;

    internal int ClOrdIdCapacity => MaxClOrdIds > 0 ? MaxClOrdIds : MaxOrders * 4;
    internal int ExecIdCapacity => MaxExecIds > 0 ? MaxExecIds : MaxOrders * 8;
    internal int FillCapacity => MaxFills > 0 ? MaxFills : MaxOrders * 4;

    /// <summary>Checks every value; returns the first problem, naming the setting, or null when valid.</summary>
    public string? Validate()
    {
        if (MaxOrders is < 1 or > MaxOrdersLimit)
        {
            return $"{nameof(MaxOrders)} must be in 1..{MaxOrdersLimit} (was {MaxOrders})";
        }

        if (ClOrdIdCapacity < 2L * MaxOrders)
        {
            // Each order's own id and the one kept for its cancel.
            return $"{nameof(MaxClOrdIds)} must be at least 2 × {nameof(MaxOrders)}";
        }

        if (ClOrdIdCapacity > Tables.TokenIndex.MaxEntriesLimit)
        {
            return $"{nameof(MaxClOrdIds)} must be at most {Tables.TokenIndex.MaxEntriesLimit} (was {ClOrdIdCapacity})";
        }

        if (ExecIdCapacity is < 1 or > Tables.TokenIndex.MaxEntriesLimit)
        {
            return $"{nameof(MaxExecIds)} must be in 1..{Tables.TokenIndex.MaxEntriesLimit} (was {ExecIdCapacity})";
        }

        if (FillCapacity < 1)
        {
            return $"{nameof(MaxFills)} must be positive";
        }

        if (MaxPositions < 2)
        {
            return $"{nameof(MaxPositions)} must be at least 2";
        }

        if (MaxStrategies is < 1 or > 0xFFFFFE)
        {
            return $"{nameof(MaxStrategies)} must be in 1..16777214";
        }

        if (MaxAccounts is < 1 or > (1 << 27))
        {
            return $"{nameof(MaxAccounts)} must be in 1..{1 << 27}";
        }

        if (MaxInstruments is < 1 or > (1 << 27))
        {
            return $"{nameof(MaxInstruments)} must be in 1..{1 << 27}";
        }

        if (MaxVenues is < 1 or > 1024)
        {
            return $"{nameof(MaxVenues)} must be in 1..1024";
        }

        if (!IsPow2(RingCapacity))
        {
            return $"{nameof(RingCapacity)} must be a power of two >= 2 (was {RingCapacity})";
        }

        if (InboundProducers is not (ProducerMode.Multi or ProducerMode.Single))
        {
            return $"{nameof(InboundProducers)} must be Multi or Single (was {(int)InboundProducers})";
        }

        if (DrainLimit < 1)
        {
            return $"{nameof(DrainLimit)} must be positive";
        }

        if (RowPrefetchMinRows < 0)
        {
            return $"{nameof(RowPrefetchMinRows)} must be 0 or more (was {RowPrefetchMinRows})";
        }

        if (PositionCheckpointInterval != 1 && !IsPow2(PositionCheckpointInterval))
        {
            return $"{nameof(PositionCheckpointInterval)} must be a power of two (was {PositionCheckpointInterval})";
        }

        if (!IsPow2(StrategyEventCapacity))
        {
            return $"{nameof(StrategyEventCapacity)} must be a power of two >= 2";
        }

        if (!IsPow2(VenueQueueCapacity))
        {
            return $"{nameof(VenueQueueCapacity)} must be a power of two >= 2";
        }

        if (!IsPow2(AnomalyCapacity))
        {
            return $"{nameof(AnomalyCapacity)} must be a power of two >= 2";
        }

        return null;
    }

    private static bool IsPow2(int v) => v >= 2 && (v & (v - 1)) == 0;
}
