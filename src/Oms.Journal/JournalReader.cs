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
public sealed record JournalReadResult(
    long FirstSequence, long Records, long GoodLength, long FileLength, JournalFault Fault, long FaultOffset, string? Detail)
{
    /// <summary>The sequence the next appended record must have.</summary>
    public long NextSequence => FirstSequence + Records;

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
                    return new JournalReadResult(first, records, offset, length, fault, offset, what);
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

    /// <summary>
    /// Reads the journal and, when its tail is torn or damaged, truncates it at the last good record so it
    /// can be appended to. Returns what the read found (the fault is reported, never silently replayed).
    /// </summary>
    public static JournalReadResult Recover(string path, RecordHandler? onRecord = null)
    {
        JournalReadResult result = Read(path, onRecord);
        if (result.Fault is JournalFault.TornTail or JournalFault.CrcMismatch or JournalFault.SequenceGap)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(result.GoodLength);
            file.Flush(flushToDisk: true);
        }

        return result;
    }

    /// <summary>Replays every good record into <paramref name="engine"/> (engine thread); returns what the read found.</summary>
    public static JournalReadResult Replay(string path, OmsEngine engine) =>
        Read(path, (long _, in OmsMessage m) => engine.Apply(in m));
}

/// <summary>Receives one journal record.</summary>
/// <param name="sequence">The record's input sequence.</param>
/// <param name="message">The message.</param>
public delegate void RecordHandler(long sequence, in OmsMessage message);
