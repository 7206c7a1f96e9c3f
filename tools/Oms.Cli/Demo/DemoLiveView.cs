using Oms.Domain;
using Oms.Engine;
using Oms.Hosting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Oms.Cli.Demo;

/// <summary>The live view on stderr's terminal: rates, fills, disorder, latency percentiles and each strategy's positions.</summary>
internal sealed class DemoLiveView
{
    private long _lastMessages;
    private long _lastSubmitted;
    private TimeSpan _lastElapsed;

    public IRenderable Render(DemoProgress p)
    {
        EngineCounters c = p.Runtime.Counters;
        double seconds = Math.Max((p.Elapsed - _lastElapsed).TotalSeconds, 1e-9);
        double messagesRate = (c.Messages - _lastMessages) / seconds;
        double ordersRate = (c.Submitted - _lastSubmitted) / seconds;
        (_lastMessages, _lastSubmitted, _lastElapsed) = (c.Messages, c.Submitted, p.Elapsed);

        var engine = new Table().Border(TableBorder.Rounded).Title($"oms demo  {p.Elapsed.TotalSeconds:F1} / {p.Duration.TotalSeconds:F0} s");
        engine.AddColumns("engine", "", "venue faults", "");
        engine.AddRow("messages/s", $"{messagesRate:N0}", "rejects", $"{p.Venue.InjectedRejects:N0}");
        engine.AddRow("orders/s", $"{ordersRate:N0}", "unsolicited cancels", $"{p.Venue.InjectedUnsolicitedCancels:N0}");
        engine.AddRow("orders submitted", $"{c.Submitted:N0}", "duplicates", $"{p.Venue.InjectedDuplicates:N0}");
        engine.AddRow("fills", $"{c.Fills:N0}", "out of order", $"{p.Venue.InjectedOutOfOrder:N0}");
        engine.AddRow("canceled / replaced", $"{c.Canceled:N0} / {c.Replaced:N0}", "busts / corrections", $"{p.Venue.InjectedBusts:N0} / {p.Venue.InjectedCorrections:N0}");
        engine.AddRow("duplicates caught", $"{c.Duplicates:N0}", "engine busts applied", $"{c.Busts:N0}");
        engine.AddRow("ring depth", $"{p.Runtime.RingDepth:N0}", "journal durable", $"{p.Runtime.JournalDurableSequence:N0}");
        LatencySnapshot l = p.Latency.Snapshot(50, 99, 99.9, 100);
        engine.AddRow("latency p50 / p99", $"{DemoSummary.FormatNanos(l.Nanos[0])} / {DemoSummary.FormatNanos(l.Nanos[1])}",
            "p99.9 / max", $"{DemoSummary.FormatNanos(l.Nanos[2])} / {DemoSummary.FormatNanos(l.Nanos[3])}");

        var positions = new Table().Border(TableBorder.Rounded).Title("strategies");
        positions.AddColumns("strategy", "events", "open orders", "filled orders", "symbol", "net qty", "avg cost", "realized PnL");
        foreach (StrategyStatus s in p.Runtime.Strategies)
        {
            string name = DemoSetup.Strategies.FirstOrDefault(d => d.Id == s.StrategyId).Name ?? s.Name;
            IReadOnlyList<StrategyPositionSnapshot> rows = s.Positions();
            if (rows.Count == 0)
            {
                positions.AddRow(name, $"{s.EventsDelivered:N0}", $"{s.OpenOrders:N0}", $"{s.OrdersFilled:N0}", "", "", "", "");
            }

            foreach (StrategyPositionSnapshot row in rows)
            {
                positions.AddRow(name, $"{s.EventsDelivered:N0}", $"{s.OpenOrders:N0}", $"{s.OrdersFilled:N0}", DemoSetup.Symbols[row.InstrumentId - 1],
                    $"{row.NetQty:N0}", FixedPoint.Format(row.AvgCost, DemoSetup.PriceScale), FixedPoint.Format(row.RealizedPnl, DemoSetup.PriceScale));
            }
        }

        return new Rows(engine, positions);
    }
}
