using System.Buffers;
using System.Text;
using Oms.Domain;
using Oms.Engine;
using Oms.Fix;
using Oms.Journal;

namespace Oms.Cli.Generate;

/// <summary>
/// Writes a seeded, realistic trading session as an Oms journal or as a FIX log (the same flow either way):
/// orders are submitted and acknowledged, filled in one or more parts, replaced or canceled, with a duplicate
/// fill or a report for an unknown order now and then. For throughput benchmarks and for trying the tools.
/// </summary>
internal sealed class SessionGenerator(int seed)
{
    private const int PriceScale = 4;
    private const int Accounts = 8;
    private const int Symbols = 64;
    private readonly Random _rng = new(seed);
    private long _exec;
    private long _time = 1_795_000_000_000_000_000; // 2026-11-18, ns

    /// <summary>One step of the flow: what a FIX line or a journal record will say.</summary>
    private record struct Step(char MsgType, ExecType ExecType, OrderStatus Status, string ClOrdId, string? OrigClOrdId,
        string OrderId, string ExecId, int Account, int Symbol, Side Side, long Qty, long Price, long LastQty, long LastPx, long Cum);

    public long WriteJournal(string path, long messages)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        byte[] record = new byte[Math.Max(JournalFormat.RecordSize, JournalFormat.HeaderSize)];
        JournalFormat.WriteHeader(record, 0);
        file.Write(record, 0, JournalFormat.HeaderSize);
        long n = 0;
        foreach (Step s in Steps(messages))
        {
            OmsMessage m = ToMessage(in s);
            JournalFormat.WriteRecord(record, n++, in m);
            file.Write(record, 0, JournalFormat.RecordSize);
        }

        return n;
    }

    /// <summary>
    /// What a generated journal's ids stand for, the names and scales a FIX log of the same session carries
    /// (<c>ACC{n}</c>, <c>SYM{n}</c> at price scale 4); its one strategy and venue are 1.
    /// </summary>
    public static JournalNames Names()
    {
        var names = new JournalNames(new NameTable(Accounts), new InstrumentDirectory(Symbols), new NameTable(1), new NameTable(1));
        for (int a = 1; a <= Accounts; a++)
        {
            names.Accounts.TryIntern($"ACC{a}", out _);
        }

        for (int i = 1; i <= Symbols; i++)
        {
            names.Instruments.Add($"SYM{i}", PriceScale, quantityScale: 0);
        }

        names.Venues.TryIntern("VENUE", out _);
        names.Strategies.TryIntern("FIRM", out _);
        return names;
    }

    public long WriteFix(string path, long messages)
    {
        var writer = new FixWriter(new FixWriterOptions { SenderCompId = "FIRM", TargetCompId = "VENUE" });
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        long n = 0;
        foreach (Step s in Steps(messages))
        {
            buffer.ResetWrittenCount();
            Write(writer, buffer, ++n, in s);
            file.Write(buffer.WrittenSpan);
            file.WriteByte((byte)'\n');
        }

        return n;
    }

    private IEnumerable<Step> Steps(long messages)
    {
        long n = 0;
        for (int order = 1; n < messages; order++)
        {
            foreach (Step s in Order(order))
            {
                yield return s;
                if (++n == messages)
                {
                    yield break;
                }
            }
        }
    }

    private IEnumerable<Step> Order(int order)
    {
        string id = $"C{order}";
        string venueId = $"V{order}";
        int account = 1 + _rng.Next(Accounts);
        int symbol = 1 + _rng.Next(Symbols);
        Side side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
        long qty = 100 * (1 + _rng.Next(10));
        long price = (100 + _rng.Next(100)) * 10_000L + (_rng.Next(100) * 100);
        long cum = 0;
        _time += 1_000;
        yield return new Step('D', ExecType.None, OrderStatus.None, id, null, "", "", account, symbol, side, qty, price, 0, 0, 0);
        yield return Report(ExecType.New, OrderStatus.New, id, null, venueId, account, symbol, side, qty, price, 0, 0, 0);
        string current = id;
        int shape = _rng.Next(10);
        if (shape < 2)
        {
            // Replaced to a new quantity, then filled.
            string replace = $"{id}R";
            qty += 100;
            yield return new Step('G', ExecType.None, OrderStatus.None, replace, current, venueId, "", account, symbol, side, qty, price, 0, 0, 0);
            yield return Report(ExecType.Replaced, OrderStatus.New, replace, current, venueId, account, symbol, side, qty, price, 0, 0, 0);
            current = replace;
        }

        long part = qty / 2;
        cum += part;
        Step partial = Report(ExecType.Trade, OrderStatus.PartiallyFilled, current, null, venueId, account, symbol, side, qty, price, part, price, cum);
        yield return partial;
        if (_rng.Next(25) == 0)
        {
            yield return partial; // the venue resent it: a duplicate
        }

        if (shape is 2 or 3)
        {
            string cancel = $"{id}X";
            yield return new Step('F', ExecType.None, OrderStatus.None, cancel, current, venueId, "", account, symbol, side, qty, 0, 0, 0, cum);
            yield return Report(ExecType.Canceled, OrderStatus.Canceled, cancel, current, venueId, account, symbol, side, qty, price, 0, 0, cum);
            yield break;
        }

        yield return Report(ExecType.Trade, OrderStatus.Filled, current, null, venueId, account, symbol, side, qty, price, qty - cum, price, qty);
        if (_rng.Next(100) == 0)
        {
            yield return Report(ExecType.Trade, OrderStatus.Filled, $"UNKNOWN{order}", null, $"X{order}", account, symbol, side, qty, price, 1, price, 1);
        }
    }

    private Step Report(ExecType type, OrderStatus status, string clOrdId, string? orig, string venueId, int account, int symbol,
        Side side, long qty, long price, long lastQty, long lastPx, long cum)
    {
        _time += 1_000;
        return new Step('8', type, status, clOrdId, orig, venueId, $"E{++_exec}", account, symbol, side, qty, price, lastQty, lastPx, cum);
    }

    private OmsMessage ToMessage(in Step s)
    {
        OmsMessage m = default;
        m.Kind = s.MsgType switch { 'D' => MessageKind.NewOrder, 'F' => MessageKind.Cancel, 'G' => MessageKind.Replace, _ => MessageKind.ExecutionReport };
        m.ExecType = s.ExecType;
        m.OrdStatus = s.Status;
        m.StrategyId = s.MsgType == '8' ? 0 : 1;
        m.AccountId = s.Account;
        m.InstrumentId = s.Symbol;
        m.VenueId = 1;
        m.Side = s.Side;
        m.OrderType = OrderType.Limit;
        m.TimeInForce = TimeInForce.Day;
        m.Timestamp = _time;
        m.ClOrdId = IdToken.FromString(s.ClOrdId);
        m.OrigClOrdId = s.OrigClOrdId is null ? IdToken.None : IdToken.FromString(s.OrigClOrdId);
        m.VenueOrderId = s.MsgType == '8' ? IdToken.FromString(s.OrderId) : IdToken.None;
        m.ExecId = IdToken.FromString(s.ExecId);
        m.OrderQty = s.Qty;
        m.Price = s.MsgType == 'F' ? 0 : s.Price;
        m.LastQty = s.LastQty;
        m.LastPx = s.LastPx;
        m.CumQty = s.Cum;
        m.LeavesQty = s.Status.IsLive() ? s.Qty - s.Cum : 0;
        return m;
    }

    private void Write(FixWriter writer, ArrayBufferWriter<byte> output, long seq, in Step s)
    {
        Span<byte> account = stackalloc byte[16];
        Span<byte> symbol = stackalloc byte[16];
        account = account[..Encoding.ASCII.GetBytes($"ACC{s.Account}", account)];
        symbol = symbol[..Encoding.ASCII.GetBytes($"SYM{s.Symbol}", symbol)];
        byte[] clOrdId = Encoding.ASCII.GetBytes(s.ClOrdId);
        byte[] orig = s.OrigClOrdId is null ? [] : Encoding.ASCII.GetBytes(s.OrigClOrdId);
        byte[] orderId = Encoding.ASCII.GetBytes(s.OrderId);
        switch (s.MsgType)
        {
            case 'D':
                var d = new FixNewOrderSingle { ClOrdId = clOrdId, Account = account, Symbol = symbol, Side = s.Side, OrderType = OrderType.Limit,
                    TimeInForce = TimeInForce.Day, OrderQty = s.Qty, Price = s.Price, PriceScale = PriceScale, TransactTime = _time };
                writer.Write(output, seq, _time, in d);
                break;
            case 'F':
                var f = new FixOrderCancelRequest { ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, Account = account, Symbol = symbol,
                    Side = s.Side, OrderQty = s.Qty, TransactTime = _time };
                writer.Write(output, seq, _time, in f);
                break;
            case 'G':
                var g = new FixOrderCancelReplaceRequest { ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, Account = account,
                    Symbol = symbol, Side = s.Side, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Day, OrderQty = s.Qty, Price = s.Price,
                    PriceScale = PriceScale, TransactTime = _time };
                writer.Write(output, seq, _time, in g);
                break;
            default:
                var r = new FixExecutionReport { OrderId = orderId, ClOrdId = clOrdId, OrigClOrdId = orig, ExecId = Encoding.ASCII.GetBytes(s.ExecId),
                    Account = account, Symbol = symbol, ExecType = s.ExecType, OrdStatus = s.Status, Side = s.Side, OrderQty = s.Qty, Price = s.Price,
                    LastQty = s.LastQty, LastPx = s.LastPx, CumQty = s.Cum, LeavesQty = s.Status.IsLive() ? s.Qty - s.Cum : 0,
                    AvgPx = s.Cum > 0 ? s.Price : 0, PriceScale = PriceScale, TransactTime = _time };
                writer.Write(output, seq, _time, in r);
                break;
        }
    }
}
