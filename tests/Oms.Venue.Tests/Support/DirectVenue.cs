using Oms.Domain;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Venue.Tests.Support;

/// <summary>A simulated venue with no engine: the test writes venue commands and reads the reports it publishes.</summary>
public sealed class DirectVenue
{
    private readonly SpscQueue<VenueCommand> _commands = new(1_024);
    private readonly MpscRing<OmsMessage> _ring;
    private long _ids;

    public DirectVenue(SimVenueOptions options, int ringCapacity = 1_024)
    {
        _ring = new MpscRing<OmsMessage>(ringCapacity);
        Venue = new SimVenue(_commands, _ring, VenueHarness.VenueId, options);
    }

    public SimVenue Venue { get; }

    public long Now { get; set; } = VenueHarness.Start;

    /// <summary>A new-order command with a fresh ClOrdID.</summary>
    public VenueCommand New(Side side, long qty, long price, OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.GoodTillCancel,
        int instrument = VenueHarness.Instrument) => new()
        {
            Kind = VenueCommandKind.New,
            Side = side,
            OrderType = type,
            TimeInForce = tif,
            StrategyId = 1,
            AccountId = 1,
            InstrumentId = instrument,
            ClOrdId = NextId(),
            OrderQty = qty,
            Price = price,
        };

    public IdToken NextId() => IdToken.ForStrategy(1, ++_ids);

    /// <summary>Writes the commands, runs one duty cycle and returns the reports published.</summary>
    public List<OmsMessage> Send(params VenueCommand[] commands)
    {
        foreach (VenueCommand c in commands)
        {
            Assert.True(_commands.TryWrite(in c));
        }

        Venue.DoWork(Now);
        return Drain();
    }

    /// <summary>Runs one duty cycle at <paramref name="now"/> and returns the reports published.</summary>
    public List<OmsMessage> RunAt(long now)
    {
        Now = now;
        Venue.DoWork(now);
        return Drain();
    }

    public List<OmsMessage> Drain()
    {
        var collect = new Collector { Into = [] };
        _ring.Drain(ref collect, int.MaxValue);
        return collect.Into;
    }

    private struct Collector : IRingHandler<OmsMessage>
    {
        public List<OmsMessage> Into;

        public readonly void OnMessage(ref OmsMessage message, long sequence) => Into.Add(message);
    }
}
