using System.Text.Json;
using Oms.Domain;
using Oms.Engine;
using Oms.Tables;
using Spectre.Console;

namespace Oms.Cli.Replay;

/// <summary>Prints a replay's result: tables for people, one JSON document for scripts (docs/replay-json.md).</summary>
internal static class ReplayReport
{
    public static void WriteText(ReplayOutcome r, IAnsiConsole console)
    {
        var orders = new Table().Title("orders").AddColumns("ClOrdID", "chain", "OrderID", "account", "symbol", "side",
            "status", "qty", "cum", "leaves", "avg px");
        foreach (OrderView o in r.Engine.SnapshotOrders())
        {
            int ps = r.Names.PriceScale(o.InstrumentId);
            int qs = r.Names.QuantityScale(o.InstrumentId);
            orders.AddRow(Esc(r.Names.IdText(o.ClOrdId)), Esc(string.Join(" > ", Chain(r, o).Select(r.Names.IdText))),
                Esc(r.Names.IdText(o.VenueOrderId)), Esc(r.Names.AccountText(o.AccountId)), Esc(r.Names.SymbolText(o.InstrumentId)),
                o.Side.ToString(), o.Status.ToString(), FixedPoint.Format(o.OrderQty, qs), FixedPoint.Format(o.CumQty, qs),
                FixedPoint.Format(o.LeavesQty, qs), FixedPoint.Format(o.AvgPx, ps));
        }

        var positions = new Table().Title("positions").AddColumns("account", "symbol", "net qty", "avg cost", "realized PnL");
        foreach (PositionView p in AccountPositions(r))
        {
            InstrumentSpec? spec = r.Names.Instrument(p.InstrumentId);
            positions.AddRow(Esc(r.Names.AccountText(p.OwnerId)), Esc(r.Names.SymbolText(p.InstrumentId)),
                FixedPoint.Format(p.NetQty, spec?.QuantityScale ?? 0), FixedPoint.Format(p.AvgCost, spec?.PriceScale ?? 0),
                FixedPoint.Format(p.RealizedPnl, spec?.NotionalScale ?? 0));
        }

        var anomalies = new Table().Title("anomalies").AddColumns("line", "kind", "detail");
        foreach (ReplayAnomaly a in r.Anomalies)
        {
            anomalies.AddRow(a.Line.ToString(), Esc(a.Kind), Esc(a.Detail));
        }

        console.Write(orders);
        console.Write(positions);
        console.Write(anomalies);
        EngineCounters c = r.Engine.Counters;
        console.MarkupLine($"[bold]{r.Messages:N0}[/] messages ({r.Format}) in {r.Elapsed.TotalSeconds:F3} s: [bold]{r.Rate:N0}[/] messages/s");
        console.MarkupLine($"orders {r.Engine.Orders.Count:N0} · fills {c.Fills:N0} · denied {c.Denied:N0} · refused {c.Refused:N0} · " +
            $"anomalies {r.Anomalies.Count:N0} · duplicates {c.Duplicates:N0} · bad records {r.BadRecords:N0}" +
            (r.Format == "fix" ? $" · session messages skipped {r.SessionMessages:N0}" : ""));
        console.MarkupLine($"state hash [bold]{r.Engine.ComputeStateHash():x16}[/]");
    }

    public static void WriteJson(ReplayOutcome r, Stream stream)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteNumber("schemaVersion", 1);
        j.WriteStartArray("orders");
        foreach (OrderView o in r.Engine.SnapshotOrders())
        {
            int ps = r.Names.PriceScale(o.InstrumentId);
            int qs = r.Names.QuantityScale(o.InstrumentId);
            j.WriteStartObject();
            j.WriteString("clOrdId", r.Names.IdText(o.ClOrdId));
            j.WriteStartArray("clOrdIdChain");
            foreach (IdToken id in Chain(r, o))
            {
                j.WriteStringValue(r.Names.IdText(id));
            }

            j.WriteEndArray();
            j.WriteString("orderId", r.Names.IdText(o.VenueOrderId));
            j.WriteString("account", r.Names.AccountText(o.AccountId));
            j.WriteString("symbol", r.Names.SymbolText(o.InstrumentId));
            j.WriteString("side", o.Side.ToString());
            j.WriteString("ordStatus", o.Status.ToString());
            Number(j, "orderQty", o.OrderQty, qs);
            Number(j, "cumQty", o.CumQty, qs);
            Number(j, "leavesQty", o.LeavesQty, qs);
            Number(j, "avgPx", o.AvgPx, ps);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("positions");
        foreach (PositionView p in AccountPositions(r))
        {
            InstrumentSpec? spec = r.Names.Instrument(p.InstrumentId);
            j.WriteStartObject();
            j.WriteString("account", r.Names.AccountText(p.OwnerId));
            j.WriteString("symbol", r.Names.SymbolText(p.InstrumentId));
            Number(j, "netQty", p.NetQty, spec?.QuantityScale ?? 0);
            Number(j, "avgPx", p.AvgCost, spec?.PriceScale ?? 0);
            Number(j, "realizedPnl", p.RealizedPnl, spec?.NotionalScale ?? 0);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("anomalies");
        foreach (ReplayAnomaly a in r.Anomalies)
        {
            j.WriteStartObject();
            j.WriteNumber("line", a.Line);
            j.WriteString("kind", a.Kind);
            j.WriteString("detail", a.Detail);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        EngineCounters c = r.Engine.Counters;
        j.WriteStartObject("stats");
        j.WriteString("format", r.Format);
        j.WriteNumber("messages", r.Messages);
        long rejected = c.Denied + c.Refused + c.Ignored;
        j.WriteNumber("applied", r.Messages - rejected - c.Duplicates);
        j.WriteNumber("rejected", rejected);
        j.WriteNumber("duplicates", c.Duplicates);
        j.WriteNumber("anomalies", r.Anomalies.Count);
        j.WriteNumber("badRecords", r.BadRecords);
        j.WriteNumber("sessionMessages", r.SessionMessages);
        j.WriteNumber("orders", r.Engine.Orders.Count);
        j.WriteNumber("fills", c.Fills);
        j.WriteString("stateHash", r.Engine.ComputeStateHash().ToString("x16"));
        j.WriteNumber("elapsedSeconds", r.Elapsed.TotalSeconds);
        j.WriteNumber("messagesPerSecond", Math.Round(r.Rate));
        j.WriteEndObject();
        j.WriteEndObject();
    }

    private static IEnumerable<PositionView> AccountPositions(ReplayOutcome r) =>
        r.Engine.SnapshotPositions().Where(p => p.Owner == PositionOwner.Account);

    private static IdToken[] Chain(ReplayOutcome r, OrderView o) => r.Engine.ChainOf(o.OrderId);

    private static void Number(Utf8JsonWriter j, string name, Int128 raw, int scale)
    {
        j.WritePropertyName(name);
        j.WriteRawValue(FixedPoint.Format(raw, scale));
    }

    private static string Esc(string s) => Markup.Escape(s);
}
