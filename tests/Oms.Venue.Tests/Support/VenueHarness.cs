using System.Runtime.InteropServices;
using Oms.Client;
using Oms.Domain;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Venue.Tests.Support;

/// <summary>
/// A real engine, two strategy clients and a simulated venue stepped in lock-step on the test thread with a
/// manual clock: engine duty cycle, venue duty cycle, until neither has work.
/// </summary>
public sealed class VenueHarness
{
    public const int VenueId = 1;
    public const int Instrument = 1;
    public const int Account = 1;
    public const long Start = 1_000_000_000;

    private readonly SpscQueue<JournalEntry> _tap;
    private readonly List<byte> _reportBytes = [];
    private readonly List<OmsMessage> _reports = [];

    public VenueHarness(SimVenueOptions options, int ringCapacity = 4_096)
    {
        Clock = new ManualClock(Start);
        Engine = new OmsEngine(new OmsEngineOptions
        {
            MaxOrders = 16_384,
            MaxPositions = 256,
            MaxStrategies = 2,
            MaxAccounts = 2,
            MaxInstruments = 8,
            MaxVenues = 1,
            RingCapacity = ringCapacity,
            StrategyEventCapacity = 16_384,
            VenueQueueCapacity = 4_096,
            AnomalyCapacity = 16_384,
        });
        Client1 = new OmsClient(Engine, 1, Clock);
        Client2 = new OmsClient(Engine, 2, Clock);
        // The input tap shows every report exactly as the engine applied it.
        _tap = new SpscQueue<JournalEntry>(8_192);
        Engine.AttachInputTap(_tap);

        Venue = new SimVenue(Engine, VenueId, options);
    }

    public ManualClock Clock { get; }
    public OmsEngine Engine { get; }
    public OmsClient Client1 { get; }
    public OmsClient Client2 { get; }
    public SimVenue Venue { get; }

    public long Now => Clock.Nanos;

    /// <summary>Every venue report the engine applied, in order.</summary>
    public IReadOnlyList<OmsMessage> Reports => _reports;

    /// <summary>The raw bytes of every report the engine applied, in order.</summary>
    public byte[] ReportBytes => [.. _reportBytes];

    /// <summary>Bytes the venue's duty cycles allocated on this thread (the tests reset it after warm-up).</summary>
    public long VenueAllocatedBytes { get; set; }

    /// <summary>Every anomaly the engine raised so far.</summary>
    public List<OmsEvent> Anomalies { get; } = [];

    /// <summary>Runs engine and venue at the current time until neither has anything to do.</summary>
    public void Pump()
    {
        while (true)
        {
            int work = Engine.DoWork();
            DrainTap();
            long before = GC.GetAllocatedBytesForCurrentThread();
            work += Venue.DoWork(Now);
            VenueAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            work += Engine.DoWork();
            DrainTap();
            Client1.Poll();
            Client2.Poll();
            while (Engine.Anomalies.TryRead(out OmsEvent a))
            {
                Anomalies.Add(a);
            }

            if (work == 0)
            {
                return;
            }
        }
    }

    /// <summary>Moves the clock by <paramref name="nanos"/> and pumps.</summary>
    public void Advance(long nanos)
    {
        Clock.Nanos += nanos;
        Pump();
    }

    /// <summary>Moves the clock to <paramref name="until"/> in steps of <paramref name="step"/>, pumping at each.</summary>
    public void Run(long until, long step)
    {
        while (Now < until)
        {
            Advance(Math.Min(step, until - Now));
        }
    }

    public IdToken Submit(OmsClient client, Side side, long qty, long price, TimeInForce tif = TimeInForce.GoodTillCancel,
        OrderType type = OrderType.Limit, int instrument = Instrument, long expireTime = 0)
    {
        var request = new NewOrderRequest(Account, instrument, VenueId, side, type, tif, qty, price, ExpireTime: expireTime);
        Assert.True(client.TrySubmit(in request, out IdToken id));
        Pump();
        return id;
    }

    public IdToken Cancel(OmsClient client, IdToken order)
    {
        Assert.True(client.TryCancel(order, out IdToken id));
        Pump();
        return id;
    }

    public IdToken Replace(OmsClient client, IdToken order, long qty, long price)
    {
        Assert.True(client.TryReplace(order, qty, price, 0, out IdToken id));
        Pump();
        return id;
    }

    public OrderView Order(IdToken clOrdId)
    {
        Assert.True(Engine.TryGetOrder(clOrdId, out OrderView view), $"the engine knows no order {clOrdId}");
        return view;
    }

    /// <summary>Venue options with no background flow, no latency and no faults: a book only the test's orders fill.</summary>
    public static SimVenueOptions Quiet(long seed = 7) => new()
    {
        Seed = seed,
        Instruments = [new SimInstrumentOptions { InstrumentId = Instrument, InitialMid = 10_000, TickSize = 1, LotSize = 1 }],
        AckLatencyNanos = 0,
        FillLatencyNanos = 0,
        BackgroundLevels = 0,
        MidStepIntervalNanos = 0,
        AggressorIntervalNanos = 0,
    };

    private void DrainTap()
    {
        while (_tap.TryRead(out JournalEntry entry))
        {
            OmsMessage m = entry.Message;
            if (m.Kind is MessageKind.ExecutionReport or MessageKind.CancelReject)
            {
                _reports.Add(m);
                _reportBytes.AddRange(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsMessage>(in m)));
            }
        }
    }
}
