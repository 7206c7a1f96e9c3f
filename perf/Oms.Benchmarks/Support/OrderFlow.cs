using Oms.Domain;
using Oms.Engine;

namespace Oms.Benchmarks.Support;

/// <summary>
/// The messages of <see cref="Count"/> independent orders, one builder per lifecycle step, so a benchmark can
/// put an engine through the steps before the one it measures and then measure that step for every order.
/// </summary>
/// <remarks>
/// Layout: order <c>i</c> belongs to strategy and account <c>1 + i % 4</c>, trades instrument
/// <c>1 + (i / 4) % Instruments</c> on venue <c>1 + i % 2</c>, is a limit order for 100 at 100.00 (raw
/// 10_000), and alternates sides in runs of eight. <see cref="Instruments"/> is chosen so each position row
/// (account × instrument and strategy × instrument) collects <c>fillsPerPosition</c> of the orders' fills.
/// ClOrdIDs are structured tokens, as the in-process client mints them; venue OrderIDs and ExecIDs are hashed
/// strings, as a gateway tokenises them.
/// </remarks>
public sealed class OrderFlow
{
    /// <summary>Strategies (and accounts) the orders are spread over.</summary>
    public const int Strategies = 4;
    /// <summary>Venues the orders are spread over.</summary>
    public const int Venues = 2;
    /// <summary>Default quantity of every order.</summary>
    public const long OrderQty = 100;
    /// <summary>Limit price of every order (raw).</summary>
    public const long LimitPrice = 10_000;

    private const long BaseTime = 1_700_000_000_000_000_000;
    private readonly IdToken[] _venueOrderIds;

    /// <summary>
    /// Builds ids for <paramref name="count"/> orders of <paramref name="orderQty"/>, spread so each position row
    /// collects <paramref name="fillsPerPosition"/> of the orders' fills (one fill per order).
    /// </summary>
    public OrderFlow(int count, int fillsPerPosition, long orderQty = OrderQty)
    {
        Count = count;
        Qty = orderQty;
        Instruments = Math.Max(1, count / (Strategies * fillsPerPosition));
        _venueOrderIds = new IdToken[count];
        for (int i = 0; i < count; i++)
        {
            _venueOrderIds[i] = IdToken.FromString($"V{i}");
        }
    }

    /// <summary>Orders in the flow.</summary>
    public int Count { get; }

    /// <summary>Instruments the orders are spread over.</summary>
    public int Instruments { get; }

    /// <summary>Quantity of every order.</summary>
    public long Qty { get; }

    /// <summary>Engine options with room for the whole flow and queues that the rig's draining keeps from filling.</summary>
    /// <param name="maxFills">Fills the engine must record (0: the engine's default, 4 per order).</param>
    public OmsEngineOptions Options(int maxFills = 0) => new()
    {
        MaxOrders = Count,
        MaxFills = maxFills,
        MaxExecIds = maxFills > 0 ? (2 * Count) + maxFills : 0,
        MaxPositions = (2 * Strategies * Instruments) + 16,
        MaxStrategies = Strategies,
        MaxAccounts = Strategies,
        MaxInstruments = Instruments,
        MaxVenues = Venues,
        RingCapacity = 1_024,
        StrategyEventCapacity = 1_024,
        VenueQueueCapacity = 1_024,
        AnomalyCapacity = 1_024,
    };

    /// <summary>Builds one message per order.</summary>
    public OmsMessage[] Build(Func<int, OmsMessage> step)
    {
        var messages = new OmsMessage[Count];
        for (int i = 0; i < Count; i++)
        {
            messages[i] = step(i);
        }

        return messages;
    }

    /// <summary>Strategy of order <paramref name="i"/>.</summary>
    public static int Strategy(int i) => 1 + (i % Strategies);

    /// <summary>The order's own ClOrdID.</summary>
    public static IdToken ClOrdId(int i) => IdToken.ForStrategy(Strategy(i), i + 1);

    /// <summary>The ClOrdID of the order's cancel request.</summary>
    public static IdToken CancelId(int i) => IdToken.ForStrategy(Strategy(i), 1_000_000_000L + i);

    /// <summary>The ClOrdID of the order's replace request.</summary>
    public static IdToken ReplaceId(int i) => IdToken.ForStrategy(Strategy(i), 2_000_000_000L + i);

    /// <summary>
    /// An ExecID the venue would send, tokenised: <c>{kind}{i}</c>, or <c>{kind}{i}.{round}</c> after the first round.
    /// </summary>
    public static IdToken ExecId(char kind, int i, int round = 0) =>
        IdToken.FromString(round == 0 ? $"{kind}{i}" : $"{kind}{i}.{round}");

    /// <summary>Venue of order <c>i</c>: where it goes and where its reports come from.</summary>
    public static int Venue(int i) => 1 + (i % Venues);

    /// <summary>New order (35=D).</summary>
    public OmsMessage New(int i) => new()
    {
        Kind = MessageKind.NewOrder,
        ClOrdId = ClOrdId(i),
        Side = (i / 8) % 2 == 0 ? Side.Buy : Side.Sell,
        OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.Day,
        OrderQty = Qty,
        Price = LimitPrice,
        StrategyId = Strategy(i),
        AccountId = Strategy(i),
        InstrumentId = 1 + ((i / Strategies) % Instruments),
        VenueId = Venue(i),
        Timestamp = BaseTime + i,
    };

    /// <summary>The venue's acknowledgement (35=8 150=0), which names the venue OrderID.</summary>
    public OmsMessage Ack(int i) => Report(i, ExecType.New, ClOrdId(i), ExecId('A', i));

    /// <summary>
    /// A fill of <paramref name="qty"/> at 100.01 with a fee of 1 (35=8 150=F); ExecID <c>F{i}</c> (or <c>F{i}.{round}</c>).
    /// </summary>
    public OmsMessage Fill(int i, long qty, int round = 0)
    {
        OmsMessage m = Report(i, ExecType.Trade, ClOrdId(i), ExecId('F', i, round));
        m.LastQty = qty;
        m.LastPx = LimitPrice + 1;
        m.Fee = 1;
        return m;
    }

    /// <summary>Cancel request (35=F) for the order.</summary>
    public OmsMessage CancelRequest(int i) => new()
    {
        Kind = MessageKind.Cancel,
        ClOrdId = CancelId(i),
        OrigClOrdId = ClOrdId(i),
        StrategyId = Strategy(i),
        Timestamp = BaseTime + i,
    };

    /// <summary>The venue's confirmation of the cancel request (35=8 150=4).</summary>
    public OmsMessage Canceled(int i)
    {
        OmsMessage m = Report(i, ExecType.Canceled, CancelId(i), ExecId('C', i));
        m.OrigClOrdId = ClOrdId(i);
        return m;
    }

    /// <summary>Replace request (35=G) to 200 at 100.02.</summary>
    public OmsMessage ReplaceRequest(int i) => new()
    {
        Kind = MessageKind.Replace,
        ClOrdId = ReplaceId(i),
        OrigClOrdId = ClOrdId(i),
        OrderQty = 2 * Qty,
        Price = LimitPrice + 2,
        StrategyId = Strategy(i),
        Timestamp = BaseTime + i,
    };

    /// <summary>The venue's confirmation of the replace request (35=8 150=5).</summary>
    public OmsMessage Replaced(int i)
    {
        OmsMessage m = Report(i, ExecType.Replaced, ReplaceId(i), ExecId('R', i));
        m.OrigClOrdId = ClOrdId(i);
        return m;
    }

    /// <summary>A bust (35=8 150=H) of the order's fill <c>F{i}</c>.</summary>
    public OmsMessage Bust(int i)
    {
        OmsMessage m = Report(i, ExecType.TradeCancel, ClOrdId(i), ExecId('B', i));
        m.ExecRefId = ExecId('F', i);
        return m;
    }

    /// <summary>A fill for an order the engine never saw: unknown ClOrdID and venue OrderID.</summary>
    public static OmsMessage UnknownOrderFill(int i) => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = 1,
        ExecType = ExecType.Trade,
        ClOrdId = IdToken.ForStrategy(Strategies + 1, i + 1),
        VenueOrderId = IdToken.FromString($"UV{i}"),
        ExecId = ExecId('U', i),
        LastQty = OrderQty,
        LastPx = LimitPrice,
        Timestamp = BaseTime + i,
    };

    private OmsMessage Report(int i, ExecType execType, IdToken clOrdId, IdToken execId) => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = Venue(i),
        ExecType = execType,
        ClOrdId = clOrdId,
        VenueOrderId = _venueOrderIds[i],
        ExecId = execId,
        Timestamp = BaseTime + i,
    };
}
