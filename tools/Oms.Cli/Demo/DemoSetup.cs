using Oms.Domain;
using Oms.Hosting;
using Oms.Hosting.Samples;
using Oms.Venue;

namespace Oms.Cli.Demo;

/// <summary>
/// The demo's market: two instruments at one simulated venue, a market maker and a taker on each, the
/// venue's faults switched on at rates a bad day at a real venue would show. Everything derives from the seed.
/// </summary>
internal static class DemoSetup
{
    public const int VenueId = 1;

    /// <summary>Decimal places of the demo's prices: 100.00 is 10_000.</summary>
    public const int PriceScale = 2;

    /// <summary>The strategies: id, name, account, instrument, kind.</summary>
    public static readonly (int Id, string Name, int Account, int Instrument, bool Maker)[] Strategies =
    [
        (1, "mm-AAPL", 1, 1, true),
        (2, "mm-MSFT", 2, 2, true),
        (3, "taker-AAPL", 3, 1, false),
        (4, "taker-MSFT", 4, 2, false),
    ];

    public static readonly string[] Symbols = ["AAPL", "MSFT"];

    public static OmsOptions Engine(OmsOptions o, string journal)
    {
        o.MaxOrders = 262_144;
        o.MaxExecIds = 1_048_576;
        o.MaxFills = 524_288;
        o.MaxPositions = 64;
        o.MaxStrategies = Strategies.Length;
        o.MaxAccounts = Strategies.Length;
        o.MaxInstruments = Symbols.Length;
        o.MaxVenues = 1;
        o.RingCapacity = 16_384;
        o.Journal.Path = journal;
        o.Journal.Overwrite = true;
        o.StopTimeout = TimeSpan.FromSeconds(10);
        // The summary counts every anomaly; a log line each would flood the terminal under the live view.
        o.LogAnomalies = false;
        // Two cores for seven threads: the engine and the venue yield rather than park, so an event waits
        // for a time slice, not for a millisecond sleep; strategies back off.
        o.IdleStrategy = IdleStrategyKind.Yielding;
        o.GatewayIdleStrategy = IdleStrategyKind.Yielding;
        // Pin the engine where the machine has a core to spare for it (the host reports when the OS refuses).
        o.EngineCpu = Environment.ProcessorCount > 1 ? Environment.ProcessorCount - 1 : null;
        return o;
    }

    public static SimVenueOptions Venue(int seed) => new()
    {
        Seed = seed,
        Instruments =
        [
            new SimInstrumentOptions { InstrumentId = 1, InitialMid = 18_725, TickSize = 1, LotSize = 100 },
            new SimInstrumentOptions { InstrumentId = 2, InitialMid = 41_250, TickSize = 1, LotSize = 100 },
        ],
        AckLatencyNanos = 20_000,
        AckJitterNanos = 10_000,
        FillLatencyNanos = 15_000,
        FillJitterNanos = 10_000,
        MidStepIntervalNanos = 2_000_000,
        AggressorIntervalNanos = 1_000_000,
        RejectProbability = 0.005,
        UnsolicitedCancelProbability = 0.005,
        DuplicateProbability = 0.01,
        OutOfOrderProbability = 0.02,
        BustProbability = 0.002,
        CorrectionProbability = 0.002,
    };

    public static OmsStrategy Strategy(int index, int seed, IMarketData market)
    {
        var s = Strategies[index];
        return s.Maker
            ? new MarketMaker(new MarketMakerSettings
            {
                AccountId = s.Account, InstrumentId = s.Instrument, VenueId = VenueId, QuoteQuantity = 100, HalfSpread = 3,
                RequoteThreshold = 1, MaxPosition = 5_000, TimeInForce = TimeInForce.Day, QuoteInterval = TimeSpan.FromMilliseconds(1),
            }, market)
            : new Taker(new TakerSettings
            {
                AccountId = s.Account, InstrumentId = s.Instrument, VenueId = VenueId, Quantity = 100, Cross = 2,
                MaxPosition = 5_000, Interval = TimeSpan.FromMilliseconds(2), Seed = (seed * 31) + s.Id,
            }, market);
    }

    /// <summary>The names the journal's ids stand for, written beside it.</summary>
    public static Journal.JournalNames Names()
    {
        var names = new Journal.JournalNames(new NameTable(8), new InstrumentDirectory(8), new NameTable(2), new NameTable(8));
        foreach (var s in Strategies)
        {
            Intern(names.Accounts, $"ACC-{s.Account}", s.Account);
            Intern(names.Strategies, s.Name, s.Id);
        }

        foreach (string symbol in Symbols)
        {
            names.Instruments.Add(symbol, PriceScale, quantityScale: 0);
        }

        Intern(names.Venues, "SIM", VenueId);
        return names;
    }

    /// <summary>Interns in id order; the demo's ids are fixed, so a different id would mislabel the journal.</summary>
    private static void Intern(NameTable table, string name, int expected)
    {
        if (!table.TryIntern(name, out int id) || id != expected)
        {
            throw new InvalidOperationException($"demo name '{name}' got id {id}, expected {expected}");
        }
    }
}

/// <summary>The simulated venue's top of book, as the sample strategies read market data.</summary>
internal sealed class SimVenueMarketData(SimVenue venue) : IMarketData
{
    public bool TryGetTopOfBook(int instrumentId, out Oms.Hosting.TopOfBook top)
    {
        if (venue.TryGetTopOfBook(instrumentId, out Oms.Venue.Market.TopOfBook t) && t.HasBid && t.HasAsk)
        {
            top = new Oms.Hosting.TopOfBook(t.BidPrice, t.AskPrice, t.BidQuantity, t.AskQuantity);
            return true;
        }

        top = default;
        return false;
    }
}

/// <summary>
/// The simulated venue as the host runs it: a gateway that tells a graceful stop whether it still holds
/// reports (those waiting out their simulated latency), so its ever-ticking background market does not.
/// </summary>
internal sealed class SimVenueGateway(SimVenue venue) : Oms.Gateway.IVenueGateway, IDrainableGateway
{
    public int VenueId => venue.VenueId;

    public bool HasPendingWork => venue.QueuedReports > 0;

    public int DoWork(long nowNanos) => venue.DoWork(nowNanos);
}
