using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Oms.Engine;
using Oms.Hosting.Options;

namespace Oms.Hosting;

/// <summary>
/// Everything a hosted Oms needs, bound from the configuration section <c>Oms</c> (see
/// <see cref="OmsServiceCollectionExtensions.AddOms(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>)
/// and validated when the host starts: a bad value stops start-up with an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the setting (for example <c>Oms:RingCapacity</c>).
/// </summary>
/// <remarks>The engine capacities map one to one onto <see cref="OmsEngineOptions"/> (see <see cref="ToEngineOptions"/>).</remarks>
public sealed partial class OmsOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Oms";

    /// <summary>Order rows (live and terminal) for the session.</summary>
    [SettingRange(1, OmsEngineOptions.MaxOrdersLimit)]
    public int MaxOrders { get; set; } = 65_536;

    /// <summary>ClOrdIDs across all chains; 0 means 4 × <see cref="MaxOrders"/>; otherwise at least 2 × <see cref="MaxOrders"/> (one is kept free for each live order's cancel).</summary>
    [SettingRange(0, Oms.Tables.TokenIndex.MaxEntriesLimit)]
    public int MaxClOrdIds { get; set; }

    /// <summary>ExecIDs remembered for duplicate detection; 0 means 8 × <see cref="MaxOrders"/>.</summary>
    [SettingRange(0, Oms.Tables.TokenIndex.MaxEntriesLimit)]
    public int MaxExecIds { get; set; }

    /// <summary>Fills recorded for busts and corrections; 0 means 4 × <see cref="MaxOrders"/>.</summary>
    [SettingRange(0, int.MaxValue)]
    public int MaxFills { get; set; }

    /// <summary>Position rows (account × instrument plus strategy × instrument).</summary>
    [SettingRange(2, int.MaxValue)]
    public int MaxPositions { get; set; } = 16_384;

    /// <summary>Strategy ids run 1..MaxStrategies.</summary>
    [SettingRange(1, 0xFFFFFE)]
    public int MaxStrategies { get; set; } = 64;

    /// <summary>Account ids run 1..MaxAccounts.</summary>
    [SettingRange(1, 1 << 27)]
    public int MaxAccounts { get; set; } = 1_024;

    /// <summary>Instrument ids run 1..MaxInstruments.</summary>
    [SettingRange(1, 1 << 27)]
    public int MaxInstruments { get; set; } = 65_536;

    /// <summary>Venue ids run 1..MaxVenues; each has an outbound queue.</summary>
    [SettingRange(1, 1024)]
    public int MaxVenues { get; set; } = 8;

    /// <summary>Inbound ring slots (a power of two).</summary>
    [SettingRange(2, 1 << 30, PowerOfTwo = true)]
    public int RingCapacity { get; set; } = 65_536;

    /// <summary>Most messages the engine applies per duty cycle.</summary>
    [SettingRange(1, 1 << 20)]
    public int DrainLimit { get; set; } = 256;

    /// <summary>Rows in use from which the engine also prefetches order rows (see <see cref="OmsEngineOptions.RowPrefetchMinRows"/>): 0 always, 2147483647 never.</summary>
    [SettingRange(0, int.MaxValue)]
    public int RowPrefetchMinRows { get; set; } = new OmsEngineOptions().RowPrefetchMinRows;

    /// <summary>Active fills of a position row between two of its checkpoints, which bound the cost of a bust; a power of two (see <see cref="OmsEngineOptions.PositionCheckpointInterval"/>).</summary>
    [SettingRange(1, 1 << 20, PowerOfTwo = true)]
    public int PositionCheckpointInterval { get; set; } = new OmsEngineOptions().PositionCheckpointInterval;

    /// <summary>Whether the engine asks for 2 MiB pages for its arrays of 4 MiB or more (see <see cref="OmsEngineOptions.HugePages"/>).</summary>
    public bool HugePages { get; set; } = new OmsEngineOptions().HugePages;

    /// <summary>Slots of each strategy's event stream (a power of two). A strategy that falls this far behind loses events (counted).</summary>
    [SettingRange(2, 1 << 26, PowerOfTwo = true)]
    public int StrategyEventCapacity { get; set; } = 8_192;

    /// <summary>Slots of each venue's outbound command queue (a power of two).</summary>
    [SettingRange(2, 1 << 26, PowerOfTwo = true)]
    public int VenueQueueCapacity { get; set; } = 8_192;

    /// <summary>Slots of the anomaly stream (a power of two).</summary>
    [SettingRange(2, 1 << 26, PowerOfTwo = true)]
    public int AnomalyCapacity { get; set; } = 8_192;

    /// <summary>The CPU the engine thread is pinned to; null or −1 for no pinning. Pinning is done on Linux; elsewhere, or when the OS refuses, a warning is logged and the engine runs unpinned.</summary>
    [SettingRange(-1, 1023)]
    public int? EngineCpu { get; set; }

    /// <summary>The engine thread's idle strategy.</summary>
    [DefinedSetting]
    public IdleStrategyKind IdleStrategy { get; set; } = IdleStrategyKind.BackOff;

    /// <summary>The idle strategy of each gateway thread.</summary>
    [DefinedSetting]
    public IdleStrategyKind GatewayIdleStrategy { get; set; } = IdleStrategyKind.BackOff;

    /// <summary>The idle strategy of each strategy thread.</summary>
    [DefinedSetting]
    public IdleStrategyKind StrategyIdleStrategy { get; set; } = IdleStrategyKind.BackOff;

    /// <summary>Back-off: idle cycles spent spinning before yielding.</summary>
    [SettingRange(0, 1_000_000)]
    public int BackOffSpins { get; set; } = 100;

    /// <summary>Back-off: idle cycles spent yielding before parking.</summary>
    [SettingRange(0, 1_000_000)]
    public int BackOffYields { get; set; } = 100;

    /// <summary>Back-off: how long one park sleeps, in milliseconds (0 = give up the rest of the time slice).</summary>
    [SettingRange(0, 100)]
    public int BackOffParkMilliseconds { get; set; } = 1;

    /// <summary>Most events a strategy thread takes off its stream per cycle (timers and stop requests are checked between batches).</summary>
    [SettingRange(1, 1 << 20)]
    public int StrategyPollLimit { get; set; } = 256;

    /// <summary>Whether the host reads the engine's anomaly stream and logs each anomaly (false leaves the stream to another consumer).</summary>
    public bool LogAnomalies { get; set; } = true;

    /// <summary>The input journal.</summary>
    [Required(ErrorMessage = "Oms:Journal is required")]
    [ValidateObjectMembers]
    public OmsJournalOptions Journal { get; set; } = new();

    /// <summary>How long a graceful stop may wait (10 ms .. 1 h) for strategies, gateways and the ring to drain before it stops anyway (and says so).</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The engine options these settings describe.</summary>
    public OmsEngineOptions ToEngineOptions() => new()
    {
        MaxOrders = MaxOrders,
        MaxClOrdIds = MaxClOrdIds,
        MaxExecIds = MaxExecIds,
        MaxFills = MaxFills,
        MaxPositions = MaxPositions,
        MaxStrategies = MaxStrategies,
        MaxAccounts = MaxAccounts,
        MaxInstruments = MaxInstruments,
        MaxVenues = MaxVenues,
        RingCapacity = RingCapacity,
        DrainLimit = DrainLimit,
        RowPrefetchMinRows = RowPrefetchMinRows,
        PositionCheckpointInterval = PositionCheckpointInterval,
        HugePages = HugePages,
        StrategyEventCapacity = StrategyEventCapacity,
        VenueQueueCapacity = VenueQueueCapacity,
        AnomalyCapacity = AnomalyCapacity,
    };

    internal IdleSettings EngineIdle => new(IdleStrategy, BackOffSpins, BackOffYields, BackOffParkMilliseconds);

    internal IdleSettings GatewayIdle => new(GatewayIdleStrategy, BackOffSpins, BackOffYields, BackOffParkMilliseconds);

    internal IdleSettings StrategyIdle => new(StrategyIdleStrategy, BackOffSpins, BackOffYields, BackOffParkMilliseconds);

    /// <summary>Cross-field checks the attributes cannot express; each result names its setting.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => OmsOptionsChecks.CrossField(this);
}
