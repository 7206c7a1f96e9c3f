using Oms.Engine;

namespace Oms.Journal;

/// <summary>What reading a journal found.</summary>
/// <param name="FirstSequence">The sequence of the first record (from the header).</param>
/// <param name="Records">Good records, in order.</param>
/// <param name="GoodLength">Bytes up to the end of the last good record: where a recovery truncates.</param>
/// <param name="FileLength">The file's length when read.</param>
/// <param name="Fault">What stopped the read (None when every byte was good).</param>
/// <param name="FaultOffset">The byte offset of the first bad record (−1 when none).</param>
/// <param name="Detail">A one-line description of the fault, for operators.</param>
/// <param name="IntactAfterFault">
/// Whole records from the fault on whose marker and CRC-32C are right (the faulted record itself included when only
/// its sequence was wrong). Zero for a torn tail: what a crash leaves unfinished is the end of the file, and nothing
/// written whole follows it. More than zero, the journal is damaged in the middle, and what follows the damage was
/// written: no recovery may cut it off.
/// </param>
public sealed record JournalReadResult(
    long FirstSequence, long Records, long GoodLength, long FileLength, JournalFault Fault, long FaultOffset, string? Detail,
    long IntactAfterFault = 0)
{
    /// <summary>The sequence the next appended record must have.</summary>
    public long NextSequence => FirstSequence + Records;

    /// <summary>
    /// True when the read stopped at a bad end: a partial last record, or damaged records with no intact one after
    /// them (a write the crash did not finish). Only such a tail is cut off by <see cref="JournalReader.Recover"/>.
    /// </summary>
    public bool IsTornTail => Fault is JournalFault.TornTail
        || (Fault is JournalFault.CrcMismatch or JournalFault.SequenceGap && IntactAfterFault == 0);

    /// <summary>The sequence of the last good record (FirstSequence − 1 when there is none).</summary>
    public long LastSequence => NextSequence - 1;
}

/// <summary>
/// Reads a journal from the start, checking every record's CRC-32C, marker and sequence, and stops at the
/// first bad one: the same reader serves recovery, replay and verification.
/// </summary>
/// <remarks>Not thread-safe; one reader per file. Reading allocates one buffer per call, not per record.</remarks>
public static class JournalReader
{
    /// <summary>
    /// Hands every good record, in order, to <paramref name="onRecord"/> (its sequence and message), and
    /// reports what stopped the read. Never throws on bad data; I/O errors propagate.
    /// </summary>
    public static JournalReadResult Read(string path, RecordHandler? onRecord = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        long length = file.Length;
        Span<byte> header = stackalloc byte[JournalFormat.HeaderSize];
        long first = 0;
        string? problem = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            ? "file shorter than a journal header"
            : JournalFormat.TryReadHeader(header, out first);
        if (problem is not null)
        {
            return new JournalReadResult(0, 0, 0, length, JournalFault.BadHeader, 0, problem);
        }

        int size = JournalFormat.RecordSize;
        byte[] buffer = new byte[size * 1024];
        long records = 0;
        long offset = JournalFormat.HeaderSize;
        while (true)
        {
            int got = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            int whole = got / size;
            for (int i = 0; i < whole; i++)
            {
                ReadOnlySpan<byte> record = buffer.AsSpan(i * size, size);
                JournalFault fault = JournalFormat.CheckRecord(record, first + records);
                if (fault != JournalFault.None)
                {
                    string what = fault == JournalFault.CrcMismatch
                        ? $"record {first + records} at byte {offset}: CRC-32C mismatch (damaged bytes)"
                        : $"record at byte {offset}: sequence {JournalFormat.SequenceOf(record)}, expected {first + records}";
                    long intact = CountIntact(file, offset);
                    if (intact > 0)
                    {
                        what += $"; {intact} intact record(s) follow it, so this is damage inside the journal, not a torn tail";
                    }

                    return new JournalReadResult(first, records, offset, length, fault, offset, what, intact);
                }

                onRecord?.Invoke(JournalFormat.SequenceOf(record), JournalFormat.MessageOf(record));
                records++;
                offset += size;
            }

            if (got < buffer.Length)
            {
                int partial = got - (whole * size);
                return partial == 0
                    ? new JournalReadResult(first, records, offset, length, JournalFault.None, -1, null)
                    : new JournalReadResult(first, records, offset, length, JournalFault.TornTail, offset,
                        $"torn tail: {partial} bytes of a partial record at byte {offset} after record {first + records - 1}");
            }
        }
    }

    // Whole records from `offset` to the end of the file whose marker and CRC are right.
    private static long CountIntact(FileStream file, long offset)
    {
        int size = JournalFormat.RecordSize;
        byte[] record = new byte[size];
        long intact = 0;
        file.Position = offset;
        while (file.ReadAtLeast(record, size, throwOnEndOfStream: false) == size)
        {
            if (JournalFormat.IsIntact(record))
            {
                intact++;
            }
        }

        return intact;
    }

    /// <summary>
    /// Reads the journal and, when its tail is torn (<see cref="JournalReadResult.IsTornTail"/>), truncates it at
    /// the last good record so it can be appended to. Returns what the read found (the fault is reported, never
    /// silently replayed).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The journal is damaged in the middle: intact records follow the damage. Nothing is truncated; the file is
    /// left as it is for the operator (see <see cref="JournalReadResult.IntactAfterFault"/>).
    /// </exception>
    public static JournalReadResult Recover(string path, RecordHandler? onRecord = null)
    {
        JournalReadResult result = Read(path, onRecord);
        TruncateTornTail(path, result);
        return result;
    }

    /// <summary>
    /// Cuts a torn tail that <paramref name="read"/> (a <see cref="Read"/> of <paramref name="path"/>) found; does
    /// nothing when the journal is whole or its header is bad.
    /// </summary>
    /// <exception cref="InvalidDataException">The journal is damaged in the middle; nothing is truncated.</exception>
    public static void TruncateTornTail(string path, JournalReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ThrowIfDamagedInside(path, read);
        if (read.IsTornTail)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(read.GoodLength);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Throws when <paramref name="read"/> stopped at damage that intact records follow.</summary>
    /// <exception cref="InvalidDataException">The journal is damaged in the middle.</exception>
    public static void ThrowIfDamagedInside(string path, JournalReadResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.IntactAfterFault > 0)
        {
            throw new InvalidDataException(
                $"{path}: {read.Detail}. The journal was left as it is: recovering past the damage would drop {read.IntactAfterFault} " +
                $"written record(s). Restore it from a copy, or truncate it at byte {read.FaultOffset} to give up everything from the damage on.");
        }
    }

    /// <summary>Replays every good record into <paramref name="engine"/> (engine thread); returns what the read found.</summary>
    public static JournalReadResult Replay(string path, OmsEngine engine) =>
        Read(path, (long _, in OmsMessage m) => engine.Apply(in m));
}

/// <summary>Receives one journal record.</summary>
/// <param name="sequence">The record's input sequence.</param>
/// <param name="message">The message.</param>
public delegate void RecordHandler(long sequence, in OmsMessage message);
