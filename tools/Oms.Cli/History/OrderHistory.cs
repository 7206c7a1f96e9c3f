using System.Text;
using Oms.Cli.Replay;
using Oms.Domain;
using Oms.Engine;
using Oms.Journal;

namespace Oms.Cli.History;

/// <summary>One step of an order's history: the input position, the event, and the raw message (FIX logs only).</summary>
internal readonly record struct HistoryEntry(long Line, OmsEvent Event, string? Message);

/// <summary>
/// Every transition of one order chain and the message that caused it, found by replaying the input twice: once
/// to learn which engine order the ClOrdID names (bounded memory: no events kept), then again keeping that
/// order's events from its strategy's stream, and the anomalies its strategy is not told about (duplicates).
/// </summary>
internal sealed class OrderHistory
{
    public required OrderView Order { get; init; }
    public required IdToken[] Chain { get; init; }
    public required List<HistoryEntry> Entries { get; init; }
    public required ReplayNames Names { get; init; }
    public string? InputError { get; init; }
    public string? NamesNote { get; init; }
    public bool NamesDamaged { get; init; }

    /// <summary>The history of the order any ClOrdID of whose chain is <paramref name="clOrdId"/>; null when no order has it.</summary>
    public static OrderHistory? Collect(string path, string format, IdToken clOrdId, out string? inputError)
    {
        string? namesNote = null;
        bool namesDamaged = false;
        ReplayNames? journalNames = format == "fix" ? null : ReplayNames.ForJournal(path, out namesNote, out namesDamaged);
        Func<Pass> open = format == "fix" ? () => new FixPass(path) : () => new JournalPass(path, journalNames!);
        OmsEngineOptions options = format == "fix" ? FixLogFeed.EngineOptions(path) : ReplayRunner.OptionsFor(ReplayRunner.JournalRecords(path));

        if (!FindOrder(open(), new OmsEngine(options), clOrdId, out OrderView target, out inputError))
        {
            return null;
        }

        var engine = new OmsEngine(options);
        Pass second = open();
        List<HistoryEntry> entries = Record(second, engine, target.OrderId, engine.OpenStrategyStream(target.StrategyId));
        engine.TryGetOrder(target.OrderId, out OrderView final);
        return new OrderHistory
        {
            Order = final,
            Chain = engine.ChainOf(target.OrderId),
            Entries = entries,
            Names = second.Names,
            InputError = second.Error,
            NamesNote = namesNote,
            NamesDamaged = namesDamaged,
        };
    }

    /// <summary>The first pass: replays everything, keeping nothing, then looks the ClOrdID up.</summary>
    private static bool FindOrder(Pass pass, OmsEngine engine, IdToken clOrdId, out OrderView order, out string? inputError)
    {
        pass.Run((long sequence, in OmsMessage m) =>
        {
            engine.Apply(in m);
            while (engine.Anomalies.TryRead(out _))
            {
            }

            DrainVenuesNowAndThen(engine);
        });
        inputError = pass.Error;
        return engine.TryGetOrder(clOrdId, out order);
    }

    /// <summary>The second pass: keeps the order's events, each with its input line and (FIX) the raw message.</summary>
    private static List<HistoryEntry> Record(Pass pass, OmsEngine engine, OrderId order, EventStream stream)
    {
        var entries = new List<HistoryEntry>();
        pass.Run((long line, in OmsMessage m) =>
        {
            int before = entries.Count;
            engine.Apply(in m);
            while (stream.TryRead(out OmsEvent e))
            {
                if (e.OrderId == order)
                {
                    entries.Add(new HistoryEntry(line, e, null));
                }
            }

            while (engine.Anomalies.TryRead(out OmsEvent a))
            {
                if (a.OrderId == order && !Told(entries, before, in a))
                {
                    entries.Add(new HistoryEntry(line, a, null));
                }
            }

            DrainVenuesNowAndThen(engine);
            if (entries.Count > before && pass.CurrentText() is { } text)
            {
                for (int i = before; i < entries.Count; i++)
                {
                    entries[i] = entries[i] with { Message = text };
                }
            }
        });
        return entries;
    }

    private static void DrainVenuesNowAndThen(OmsEngine engine)
    {
        if ((engine.InputSequence & 0xFF) == 0)
        {
            EngineRecovery.DiscardVenueCommands(engine);
        }
    }

    /// <summary>True when the strategy's stream already carried this anomaly for the same message.</summary>
    private static bool Told(List<HistoryEntry> entries, int from, in OmsEvent anomaly)
    {
        for (int i = from; i < entries.Count; i++)
        {
            if (entries[i].Event.Kind == EventKind.Anomaly && entries[i].Event.Reason == anomaly.Reason)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One read of the input, handing every engine message on with its line (record sequence or line number).</summary>
    private abstract class Pass
    {
        public abstract ReplayNames Names { get; }
        public string? Error { get; protected set; }
        public abstract void Run(RecordHandler onMessage);

        /// <summary>The raw text of the message being handed on (FIX lines), or null (journal records).</summary>
        public virtual string? CurrentText() => null;
    }

    private sealed class JournalPass(string path, ReplayNames names) : Pass
    {
        public override ReplayNames Names => names;

        public override void Run(RecordHandler onMessage)
        {
            Error = ReplayRunner.StartsAfterZero(path);
            if (Error is not null)
            {
                return;
            }

            JournalReadResult read = JournalReader.Read(path, onMessage);
            Error = read.Fault == JournalFault.None ? null : $"{path}: {read.Detail}";
        }
    }

    private sealed class FixPass(string path) : Pass
    {
        private readonly FixLogFeed _feed = new();

        public override ReplayNames Names => _feed.Names;

        public override void Run(RecordHandler onMessage)
        {
            _feed.Run(path, onMessage);
            Error = _feed.BadLines == 0 ? null : $"{path}: {_feed.BadLines} malformed line(s), the first at line {_feed.FirstBadLine}";
        }

        public override string? CurrentText() => Encoding.UTF8.GetString(_feed.CurrentLine.Span).Replace('\u0001', '|');
    }
}
