using Oms.Engine;
using Oms.Ring;

namespace Oms.Journal;

/// <summary>What a restart did.</summary>
/// <param name="Engine">The restored engine, ready for the live path.</param>
/// <param name="FromSnapshot">The input sequence the snapshot carried (0 without a snapshot).</param>
/// <param name="Replayed">Journal records replayed on top of it.</param>
/// <param name="Journal">What reading (and, if its tail was bad, truncating) the journal found.</param>
public sealed record RecoveryResult(OmsEngine Engine, long FromSnapshot, long Replayed, JournalReadResult Journal);

/// <summary>Restart = latest snapshot + journal tail; and the snapshot files that make it fast.</summary>
public static class EngineRecovery
{
    /// <summary>
    /// Restores an engine: loads <paramref name="snapshotPath"/> when given (and present), replays every journal
    /// record from the snapshot's input sequence on, and then, only once the journal is known to fit the
    /// snapshot, cuts a torn tail at the last good record (reported in <see cref="RecoveryResult.Journal"/>).
    /// Runs on the thread that will own the engine, which it returns with its venue queues empty: the commands
    /// the replayed inputs produced were the live engine's to send, not the restored one's.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The snapshot is damaged; the journal's header is bad; the journal starts after the snapshot or ends before
    /// it; or it is damaged in the middle (intact records follow the damage). The journal file is left untouched.
    /// </exception>
    public static RecoveryResult Restore(string? snapshotPath, string journalPath, OmsEngineOptions options)
    {
        OmsEngine engine;
        if (snapshotPath is not null && File.Exists(snapshotPath))
        {
            using FileStream file = File.OpenRead(snapshotPath);
            engine = OmsEngine.ReadSnapshot(file, options);
        }
        else
        {
            engine = new OmsEngine(options);
        }

        long from = engine.InputSequence;
        if (!File.Exists(journalPath))
        {
            return new RecoveryResult(engine, from, 0, new JournalReadResult(from, 0, 0, 0, JournalFault.None, -1, "no journal"));
        }

        long replayed = 0;
        // Read and replay first; the file is changed (a torn tail cut) only once it is known to fit the snapshot.
        JournalReadResult journal = JournalReader.Read(journalPath, (long sequence, in OmsMessage m) =>
        {
            if (sequence >= from)
            {
                engine.Apply(in m);
                replayed++;
                // What the engine asked the venues to send was sent (or lost with the process) before the restart:
                // discarded, as a gateway that kept up would have taken it, so a long tail never fills a venue
                // queue and gets orders the live engine accepted denied for back-pressure.
                DiscardVenueCommands(engine);
            }
        });
        if (journal.Fault == JournalFault.BadHeader)
        {
            throw new InvalidDataException($"{journalPath}: {journal.Detail}");
        }

        JournalReader.ThrowIfDamagedInside(journalPath, journal);
        if (journal.FirstSequence > from)
        {
            throw new InvalidDataException($"{journalPath}: the journal starts at sequence {journal.FirstSequence}, after the snapshot's {from}");
        }

        if (journal.NextSequence < from)
        {
            throw new InvalidDataException(
                $"{journalPath}: the journal ends at sequence {journal.LastSequence}, before the snapshot's {from}: it is not this snapshot's journal, or it lost records{(journal.Detail is null ? "" : $" ({journal.Detail})")}");
        }

        JournalReader.TruncateTornTail(journalPath, journal);
        return new RecoveryResult(engine, from, replayed, journal);
    }

    /// <summary>
    /// Discards every command waiting in <paramref name="engine"/>'s venue queues: what a replay produces was the
    /// live engine's to send, never the replay's. Engine thread (or the one that drives a replay) only.
    /// </summary>
    public static void DiscardVenueCommands(OmsEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            SpscQueue<VenueCommand> queue = engine.VenueQueue(v);
            while (queue.TryRead(out _))
            {
            }
        }
    }

    /// <summary>
    /// Writes a snapshot of <paramref name="engine"/> to <paramref name="path"/> atomically: a temporary file,
    /// fsynced, then renamed over the old one, so a crash leaves either the old snapshot or the new one.
    /// Engine thread only.
    /// </summary>
    public static void WriteSnapshotFile(OmsEngine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            engine.WriteSnapshot(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
