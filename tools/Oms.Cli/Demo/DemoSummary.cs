using System.Text.Json;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting;
using Oms.Journal;
using Oms.Tables;
using Oms.Venue;

namespace Oms.Cli.Demo;

/// <summary>What the demo ends with: counts, positions, latency, the venue's faults, the journal and the state hash.</summary>
internal sealed class DemoSummary
{
    public required EngineCounters Counters { get; init; }
    public required SimVenueCounters Venue { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required ulong StateHash { get; init; }
    public required int Orders { get; init; }
    public required int OpenOrders { get; init; }
    public required List<PositionView> Positions { get; init; }
    public required JournalNames Names { get; init; }
    public required long MissedEvents { get; init; }
    public required long[] LatencyNanos { get; init; }
    public required long LatencySamples { get; init; }
    public required string Journal { get; init; }
    public required long JournalDurable { get; init; }
    public required bool Pinned { get; init; }
    public string? Fault { get; init; }

    public static readonly double[] Percentiles = [50, 90, 99, 99.9, 99.99, 100];

    public bool Ok => Fault is null && MissedEvents == 0;

    /// <summary>Reads the engine's tables: only after the host stopped (the engine thread has joined).</summary>
    public static DemoSummary From(OmsRuntime runtime, SimVenue venue, LatencyRecorder latency, JournalNames names, TimeSpan elapsed, string journal)
    {
        OmsEngine engine = runtime.Engine;
        LatencySnapshot l = latency.Snapshot(Percentiles);
        return new DemoSummary
        {
            Counters = engine.Counters,
            Venue = venue.Counters,
            Elapsed = elapsed,
            StateHash = runtime.FinalStateHash ?? engine.ComputeStateHash(),
            Orders = engine.Orders.Count,
            OpenOrders = engine.SnapshotOrders().Count(o => o.Status.IsLive()),
            Positions = engine.SnapshotPositions().Where(p => p.Owner == PositionOwner.Account).ToList(),
            Names = names,
            MissedEvents = runtime.Strategies.Sum(s => s.MissedEvents),
            LatencyNanos = l.Nanos,
            LatencySamples = l.Count,
            Journal = journal,
            JournalDurable = runtime.JournalDurableSequence,
            Pinned = runtime.EnginePinned,
            Fault = runtime.Fault is null ? null : $"{runtime.FaultComponent}: {runtime.Fault.Message}",
        };
    }

    public string Symbol(int instrument) => Names.Instruments.Get(instrument)?.Symbol ?? $"#{instrument}";

    public string Account(int account) => Names.Accounts.NameOf(account) ?? $"#{account}";

    public void WriteText(TextWriter w)
    {
        EngineCounters c = Counters;
        w.WriteLine($"Oms demo: Generic Host, engine on its own thread ({(Pinned ? "pinned" : "not pinned")}), simulated venue, 2 market makers and 2 takers");
        w.WriteLine($"  elapsed            {Elapsed.TotalSeconds:F2} s, {c.Messages:N0} messages applied ({c.Messages / Math.Max(Elapsed.TotalSeconds, 1e-9):N0}/s)");
        w.WriteLine($"  orders             {Orders:N0}: submitted {c.Submitted:N0}, accepted {c.Accepted:N0}, rejected {c.Rejected:N0}, denied {c.Denied:N0}, canceled {c.Canceled:N0}, expired {c.Expired:N0}, still open {OpenOrders:N0}");
        w.WriteLine($"  fills              {c.Fills:N0} (busts {c.Busts:N0}, corrections {c.Corrections:N0}), replaced {c.Replaced:N0}");
        w.WriteLine($"  disorder handled   duplicates {c.Duplicates:N0}, stale {c.Stale:N0}, anomalies {c.Anomalies:N0}, refused requests {c.Refused:N0}, missed events {MissedEvents:N0}");
        w.WriteLine($"  venue faults       rejects {Venue.InjectedRejects:N0}, unsolicited cancels {Venue.InjectedUnsolicitedCancels:N0}, duplicates {Venue.InjectedDuplicates:N0}, out of order {Venue.InjectedOutOfOrder:N0}, busts {Venue.InjectedBusts:N0}, corrections {Venue.InjectedCorrections:N0}");
        w.WriteLine($"  event latency      {LatencySamples:N0} events, cause → strategy callback: " +
            string.Join(", ", Percentiles.Select((p, i) => $"{(p == 100 ? "max" : $"p{p}")} {FormatNanos(LatencyNanos[i])}")));
        w.WriteLine("  positions (account × symbol):");
        foreach (PositionView p in Positions)
        {
            w.WriteLine($"    {Account(p.OwnerId),-8} {Symbol(p.InstrumentId),-6} net {p.NetQty,8:N0}  avg cost {FixedPoint.Format(p.AvgCost, DemoSetup.PriceScale),10}  realized {FixedPoint.Format(p.RealizedPnl, DemoSetup.PriceScale),14}");
        }

        w.WriteLine($"  journal            {Journal} (durable through sequence {JournalDurable:N0})");
        w.WriteLine($"  state hash         {StateHash:x16}   (oms replay {Journal} reproduces it)");
        if (Fault is not null)
        {
            w.WriteLine($"  FAULT: {Fault}");
        }
    }

    public static string FormatNanos(long ns) => ns switch
    {
        < 10_000 => $"{ns:N0} ns",
        < 10_000_000 => $"{ns / 1_000.0:N1} µs",
        _ => $"{ns / 1_000_000.0:N1} ms",
    };

    public void WriteJson(Stream stream)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        EngineCounters c = Counters;
        j.WriteStartObject();
        j.WriteString("journal", Journal);
        j.WriteString("stateHash", StateHash.ToString("x16"));
        j.WriteNumber("elapsedSeconds", Elapsed.TotalSeconds);
        j.WriteNumber("messages", c.Messages);
        j.WriteStartObject("orders");
        j.WriteNumber("total", Orders);
        j.WriteNumber("submitted", c.Submitted);
        j.WriteNumber("accepted", c.Accepted);
        j.WriteNumber("rejected", c.Rejected);
        j.WriteNumber("denied", c.Denied);
        j.WriteNumber("canceled", c.Canceled);
        j.WriteNumber("expired", c.Expired);
        j.WriteNumber("replaced", c.Replaced);
        j.WriteNumber("open", OpenOrders);
        j.WriteEndObject();
        j.WriteStartObject("fills");
        j.WriteNumber("count", c.Fills);
        j.WriteNumber("busts", c.Busts);
        j.WriteNumber("corrections", c.Corrections);
        j.WriteEndObject();
        j.WriteNumber("duplicates", c.Duplicates);
        j.WriteNumber("anomalies", c.Anomalies);
        j.WriteNumber("refused", c.Refused);
        j.WriteNumber("missedEvents", MissedEvents);
        j.WriteStartObject("venueFaults");
        j.WriteNumber("rejects", Venue.InjectedRejects);
        j.WriteNumber("unsolicitedCancels", Venue.InjectedUnsolicitedCancels);
        j.WriteNumber("duplicates", Venue.InjectedDuplicates);
        j.WriteNumber("outOfOrder", Venue.InjectedOutOfOrder);
        j.WriteNumber("busts", Venue.InjectedBusts);
        j.WriteNumber("corrections", Venue.InjectedCorrections);
        j.WriteEndObject();
        j.WriteStartObject("latencyNanos");
        j.WriteNumber("events", LatencySamples);
        for (int i = 0; i < Percentiles.Length; i++)
        {
            j.WriteNumber(Percentiles[i] == 100 ? "max" : $"p{Percentiles[i]}", LatencyNanos[i]);
        }

        j.WriteEndObject();
        j.WriteStartArray("positions");
        foreach (PositionView p in Positions)
        {
            j.WriteStartObject();
            j.WriteString("account", Account(p.OwnerId));
            j.WriteString("symbol", Symbol(p.InstrumentId));
            j.WriteNumber("netQty", p.NetQty);
            j.WritePropertyName("avgPx");
            j.WriteRawValue(FixedPoint.Format(p.AvgCost, DemoSetup.PriceScale));
            j.WritePropertyName("realizedPnl");
            j.WriteRawValue(FixedPoint.Format(p.RealizedPnl, DemoSetup.PriceScale));
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteBoolean("enginePinned", Pinned);
        if (Fault is not null)
        {
            j.WriteString("fault", Fault);
        }

        j.WriteEndObject();
    }
}
