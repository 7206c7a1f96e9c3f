using System.Text.Json;
using Oms.Client;
using Oms.Domain;
using Oms.Engine;
using Oms.Tables;

namespace Oms.Cli;

/// <summary>What the demo prints: counts, throughput, positions and the final state hash.</summary>
internal sealed class DemoSummary
{
    /// <summary>Decimal places of the demo's prices (its strategies quote 100.00 ± 0.50 as 10_000 ± 50).</summary>
    public const int PriceScale = 2;

    public required EngineCounters Counters { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required ulong StateHash { get; init; }
    public required int Orders { get; init; }
    public required int OpenOrders { get; init; }
    public required List<PositionView> Positions { get; init; }
    public required long MissedEvents { get; init; }
    public Exception? Fault { get; init; }
    public required string Journal { get; init; }
    public required long JournalDurable { get; init; }

    public bool Ok => Fault is null && MissedEvents == 0;

    public static DemoSummary From(OmsEngine engine, OmsClient[] clients, TimeSpan elapsed, Exception? fault, string journal, long durable) => new()
    {
        Journal = journal,
        JournalDurable = durable,
        Counters = engine.Counters,
        Elapsed = elapsed,
        StateHash = engine.ComputeStateHash(),
        Orders = engine.Orders.Count,
        OpenOrders = engine.SnapshotOrders().Count(o => o.Status.IsLive()),
        Positions = engine.SnapshotPositions().Where(p => p.Owner == PositionOwner.Strategy).ToList(),
        MissedEvents = clients.Sum(c => c.MissedEvents),
        Fault = fault,
    };

    private double Rate => Counters.Messages / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public void WriteText(TextWriter w)
    {
        var c = Counters;
        w.WriteLine($"Oms demo: 2 strategies, 1 loopback venue, engine on its own thread");
        w.WriteLine($"  elapsed            {Elapsed.TotalSeconds:F2} s");
        w.WriteLine($"  messages applied   {c.Messages:N0} ({Rate:N0}/s end to end, all threads on 2 cores)");
        w.WriteLine($"  orders             {Orders:N0} submitted {c.Submitted:N0}, denied {c.Denied:N0}, still open {OpenOrders:N0}");
        w.WriteLine($"  venue reports      {c.Reports:N0}: acks {c.Accepted:N0}, fills {c.Fills:N0}, canceled {c.Canceled:N0}, replaced {c.Replaced:N0}");
        w.WriteLine($"  refused requests   {c.Refused:N0}   anomalies {c.Anomalies:N0}   duplicates {c.Duplicates:N0}   missed events {MissedEvents:N0}");
        foreach (RejectReason reason in Enum.GetValues<RejectReason>())
        {
            if (reason != RejectReason.None && c.ByReason(reason) > 0)
            {
                w.WriteLine($"    {reason,-22} {c.ByReason(reason),10:N0}");
            }
        }

        w.WriteLine("  positions (strategy × instrument, price scale 2):");
        foreach (PositionView p in Positions)
        {
            w.WriteLine($"    strategy {p.OwnerId} instrument {p.InstrumentId}: net {p.NetQty,8:N0}  avg cost {FixedPoint.Format(p.AvgCost, PriceScale),10}  realized {FixedPoint.Format(p.RealizedPnl, PriceScale),14}");
        }

        w.WriteLine($"  journal            {Journal} (durable through sequence {JournalDurable:N0})");
        w.WriteLine($"  state hash         {StateHash:x16}   (oms replay {Journal} reproduces it)");
        if (Fault is not null)
        {
            w.WriteLine($"  ENGINE FAULT: {Fault}");
        }
    }

    public void WriteJson(Stream stream)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var c = Counters;
        j.WriteStartObject();
        j.WriteString("stateHash", StateHash.ToString("x16"));
        j.WriteString("journal", Journal);
        j.WriteNumber("elapsedSeconds", Elapsed.TotalSeconds);
        j.WriteNumber("messages", c.Messages);
        j.WriteNumber("orders", Orders);
        j.WriteNumber("submitted", c.Submitted);
        j.WriteNumber("denied", c.Denied);
        j.WriteNumber("fills", c.Fills);
        j.WriteNumber("canceled", c.Canceled);
        j.WriteNumber("replaced", c.Replaced);
        j.WriteNumber("refused", c.Refused);
        j.WriteNumber("anomalies", c.Anomalies);
        j.WriteNumber("missedEvents", MissedEvents);
        j.WriteStartObject("reasons");
        foreach (RejectReason reason in Enum.GetValues<RejectReason>())
        {
            if (reason != RejectReason.None && c.ByReason(reason) > 0)
            {
                j.WriteNumber(reason.ToString(), c.ByReason(reason));
            }
        }

        j.WriteEndObject();
        j.WriteStartArray("positions");
        foreach (PositionView p in Positions)
        {
            j.WriteStartObject();
            j.WriteNumber("strategy", p.OwnerId);
            j.WriteNumber("instrument", p.InstrumentId);
            j.WriteNumber("netQty", p.NetQty);
            j.WritePropertyName("avgCost");
            j.WriteRawValue(FixedPoint.Format(p.AvgCost, PriceScale));
            j.WritePropertyName("realizedPnl");
            j.WriteRawValue(FixedPoint.Format(p.RealizedPnl, PriceScale));
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }
}
