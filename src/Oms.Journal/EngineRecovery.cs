using Oms.Engine;

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
    /// Restores an engine: loads <paramref name="snapshotPath"/> when given (and present), recovers the journal
    /// (a torn or damaged tail is reported and truncated at the last good record), and replays every journal
    /// record from the snapshot's input sequence on. Runs on the thread that will own the engine.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged, or the journal does not reach back to it.</exception>
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
        JournalReadResult journal = JournalReader.Recover(journalPath, (long sequence, in OmsMessage m) =>
        {
            if (sequence >= from)
            {
                engine.Apply(in m);
                replayed++;
            }
        });
        if (journal.Fault == JournalFault.BadHeader || journal.FirstSequence > from)
        {
            throw new InvalidDataException($"{journalPath}: the journal starts at sequence {journal.FirstSequence}, after the snapshot's {from} ({journal.Detail})");
        }

        return new RecoveryResult(engine, from, replayed, journal);
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
