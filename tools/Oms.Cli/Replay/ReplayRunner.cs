using System.Diagnostics;
using Oms.Engine;
using Oms.Journal;

namespace Oms.Cli.Replay;

/// <summary>Runs a captured stream through the same engine code as live trading.</summary>
internal static class ReplayRunner
{
    /// <summary>Engine capacities for a replay of up to <paramref name="messages"/> messages: generous, never the limit.</summary>
    public static OmsEngineOptions OptionsFor(long messages) => new()
    {
        MaxOrders = (int)Math.Clamp(messages + 16, 1_024, 16_000_000),
        MaxPositions = 65_536,
        MaxStrategies = 1_024,
        MaxAccounts = 65_536,
        MaxInstruments = 65_536,
        MaxVenues = 16,
        RingCapacity = 1_024,
        // Outbound commands are discarded in a replay, but a full queue would deny orders the live engine
        // accepted: keep them roomy and drained.
        VenueQueueCapacity = 16_384,
        AnomalyCapacity = 4_096,
    };

    /// <summary>
    /// Replays an Oms journal, with the names from its names file when there is one. Bad records stop the read where
    /// they start; what came before is applied and reported.
    /// </summary>
    public static ReplayOutcome Journal(string path, Action<double>? progress = null)
    {
        long records = JournalRecords(path);
        var engine = new OmsEngine(OptionsFor(records));
        var anomalies = new List<ReplayAnomaly>();
        ReplayNames names = ReplayNames.ForJournal(path, out string? namesNote, out bool namesDamaged);
        var sw = Stopwatch.StartNew();
        long applied = 0;
        if (StartsAfterZero(path) is { } late)
        {
            return new ReplayOutcome
            {
                Engine = engine,
                Names = names,
                Anomalies = anomalies,
                BadRecords = 1,
                Messages = 0,
                InputError = late,
                Elapsed = sw.Elapsed,
                Format = "journal",
                NamesNote = namesNote,
                NamesDamaged = namesDamaged,
            };
        }

        JournalReadResult result = JournalReader.Read(path, (long sequence, in OmsMessage m) =>
        {
            engine.Apply(in m);
            applied++;
            Collect(engine, anomalies, sequence, names);
            if ((applied & 0xFF) == 0)
            {
                EngineRecovery.DiscardVenueCommands(engine);
                if ((applied & 0xFFFF) == 0)
                {
                    progress?.Invoke((double)applied / Math.Max(records, 1));
                }
            }
        });
        sw.Stop();
        return new ReplayOutcome
        {
            Engine = engine,
            Names = names,
            Anomalies = anomalies,
            Messages = applied,
            BadRecords = result.Fault == JournalFault.None ? 0 : 1,
            InputError = result.Fault == JournalFault.None ? null : $"{path}: {result.Detail}",
            Elapsed = sw.Elapsed,
            Format = "journal",
            NamesNote = namesNote,
            NamesDamaged = namesDamaged,
        };
    }

    /// <summary>
    /// Why a journal cannot be replayed on its own, when its header says it starts after sequence 0: its earlier
    /// inputs are in a snapshot, and the rest applied to an empty engine would give a state that never was. Null
    /// when it starts at 0, or when its header cannot be read (the read then reports why).
    /// </summary>
    public static string? StartsAfterZero(string path)
    {
        Span<byte> header = stackalloc byte[JournalFormat.HeaderSize];
        using FileStream f = File.OpenRead(path);
        bool whole = f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length;
        return whole && JournalFormat.TryReadHeader(header, out long first) is null && first > 0
            ? $"{path}: the journal starts at sequence {first}; its inputs before that are in a snapshot, and a replay needs them all, from sequence 0"
            : null;
    }

    /// <summary>How many whole records the journal's length allows for (an upper bound on its messages).</summary>
    public static long JournalRecords(string path) =>
        Math.Max(0, (new FileInfo(path).Length - JournalFormat.HeaderSize) / JournalFormat.RecordSize);

    /// <summary>Takes the anomalies one message raised, with its input line.</summary>
    public static void Collect(OmsEngine engine, List<ReplayAnomaly> anomalies, long line, ReplayNames names)
    {
        while (engine.Anomalies.TryRead(out OmsEvent e))
        {
            string order = e.ClOrdId.IsNone ? "" : $" order {names.IdText(e.ClOrdId)}";
            string exec = e.ExecId.IsNone ? "" : $" exec {names.IdText(e.ExecId)}";
            anomalies.Add(new ReplayAnomaly(line, e.Reason.ToString(), $"{e.Cause} {(e.CauseExecType == 0 ? "" : e.CauseExecType.ToString())}{order}{exec} ({e.Status})".Replace("  ", " ")));
        }
    }
}
