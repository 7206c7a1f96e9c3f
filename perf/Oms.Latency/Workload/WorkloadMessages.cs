using Oms.Domain;
using Oms.Engine;

namespace Oms.Latency.Workload;

/// <summary>
/// The messages of the working-set workload, in the words of the FIX messages they stand for. Order <c>k</c>
/// belongs to strategy and account <c>1 + k % 4</c>, trades instrument <c>1 + (k / 4) % 64</c> on venue
/// <c>1 + k % 2</c>, alternates sides in runs of eight, and is a limit order for 1,000,000,000 (raw) at 100.00,
/// so partial fills of 1 to 100 never complete it. ClOrdIDs are strategy-minted tokens, as the in-process
/// client mints them; venue OrderIDs and ExecIDs are hashed strings, as a gateway tokenises them.
/// </summary>
public static class WorkloadMessages
{
    /// <summary>Strategies (and accounts).</summary>
    public const int Strategies = 4;
    /// <summary>Venues.</summary>
    public const int Venues = 2;
    /// <summary>Instruments.</summary>
    public const int Instruments = 64;
    /// <summary>Quantity of every order, raw.</summary>
    public const long OrderQty = 1_000_000_000;
    /// <summary>Limit price of every order, raw.</summary>
    public const long LimitPrice = 10_000;

    /// <summary>Strategy (and account) of order <paramref name="k"/>.</summary>
    public static int Strategy(int k) => 1 + (k % Strategies);

    /// <summary>Venue of order <paramref name="k"/>: where its new order goes and its reports come from.</summary>
    public static int Venue(int k) => 1 + (k % Venues);

    /// <summary>New order (35=D).</summary>
    public static OmsMessage New(int k, IdToken clOrdId) => new()
    {
        Kind = MessageKind.NewOrder,
        ClOrdId = clOrdId,
        Side = (k / 8) % 2 == 0 ? Side.Buy : Side.Sell,
        OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.Day,
        OrderQty = OrderQty,
        Price = LimitPrice,
        StrategyId = Strategy(k),
        AccountId = Strategy(k),
        InstrumentId = 1 + ((k / Strategies) % Instruments),
        VenueId = Venue(k),
    };

    /// <summary>Cancel request (35=F) <paramref name="requestId"/> for the order whose ClOrdID is <paramref name="current"/>.</summary>
    public static OmsMessage CancelRequest(int k, IdToken requestId, IdToken current) => new()
    {
        Kind = MessageKind.Cancel,
        ClOrdId = requestId,
        OrigClOrdId = current,
        StrategyId = Strategy(k),
    };

    /// <summary>Cancel/replace request (35=G) to <paramref name="qty"/> at <paramref name="price"/>.</summary>
    public static OmsMessage ReplaceRequest(int k, IdToken requestId, IdToken current, long qty, long price) => new()
    {
        Kind = MessageKind.Replace,
        ClOrdId = requestId,
        OrigClOrdId = current,
        OrderQty = qty,
        Price = price,
        StrategyId = Strategy(k),
    };

    /// <summary>An execution report about order <paramref name="k"/>, from its venue.</summary>
    public static OmsMessage Report(int k, ExecType execType, IdToken clOrdId, IdToken venueOrderId, IdToken execId) => new()
    {
        Kind = MessageKind.ExecutionReport,
        VenueId = Venue(k),
        ExecType = execType,
        ClOrdId = clOrdId,
        VenueOrderId = venueOrderId,
        ExecId = execId,
    };

    /// <summary>A token for <c>{prefix}{n}</c>, built without allocating a string.</summary>
    public static IdToken Token(char prefix, long n)
    {
        Span<char> text = stackalloc char[24];
        text[0] = prefix;
        n.TryFormat(text[1..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return IdToken.FromString(text[..(written + 1)]);
    }
}
