using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Oms.Engine;

namespace Oms.Journal;

/// <summary>
/// The journal file format. A 32-byte header, then fixed-size records, one per engine input:
/// <code>
/// header:  "OMSJRNL1" | u32 version | u32 record size | u32 message size | u32 reserved | u64 first sequence
/// record:  u32 CRC-32C | u32 marker "JREC" | u64 sequence | 192-byte OmsMessage
/// </code>
/// All integers are little-endian. The CRC-32C covers the sequence and the message (one contiguous span,
/// hashed without allocation). Fixed-size records make
/// a torn tail (a partial last record) visible from the file length alone, and let a reader seek to any
/// sequence.
/// </summary>
public static class JournalFormat
{
    /// <summary>The file header's size in bytes.</summary>
    public const int HeaderSize = 32;

    /// <summary>
    /// The version this code writes and reads. 2: every report names the venue it came from (version-1 journals
    /// written at the FIX edge carry venue 0 on reports, which this engine refuses; their replay would differ).
    /// </summary>
    public const int Version = 2;

    /// <summary>Bytes of one message.</summary>
    public static readonly int MessageSize = Marshal.SizeOf<OmsMessage>();

    /// <summary>Bytes of one record.</summary>
    public static readonly int RecordSize = 16 + MessageSize;

    private const uint RecordMarker = 0x4345524A; // "JREC"
    private static ReadOnlySpan<byte> Magic => "OMSJRNL1"u8;

    /// <summary>Writes a header for a journal whose first record has <paramref name="firstSequence"/>.</summary>
    public static void WriteHeader(Span<byte> destination, long firstSequence)
    {
        destination[..HeaderSize].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], RecordSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], MessageSize);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], firstSequence);
    }

    /// <summary>True when <paramref name="source"/> starts with the journal's magic, whatever its version or layout.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> source) => source.StartsWith(Magic);

    /// <summary>Reads a header; null when it is not an Oms journal of this version and layout, with the reason.</summary>
    public static string? TryReadHeader(ReadOnlySpan<byte> source, out long firstSequence)
    {
        firstSequence = 0;
        if (source.Length < HeaderSize || !source[..8].SequenceEqual(Magic))
        {
            return "not an Oms journal (bad magic)";
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        int recordSize = BinaryPrimitives.ReadInt32LittleEndian(source[12..]);
        int messageSize = BinaryPrimitives.ReadInt32LittleEndian(source[16..]);
        if (version != Version || recordSize != RecordSize || messageSize != MessageSize)
        {
            return $"journal version {version} with {recordSize}-byte records, {messageSize}-byte messages; this build reads version {Version}, {RecordSize}, {MessageSize}";
        }

        firstSequence = BinaryPrimitives.ReadInt64LittleEndian(source[24..]);
        return null;
    }

    /// <summary>Encodes one record into <paramref name="destination"/> (at least <see cref="RecordSize"/> bytes).</summary>
    public static void WriteRecord(Span<byte> destination, long sequence, in OmsMessage message)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], RecordMarker);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], sequence);
        MemoryMarshal.Write(destination.Slice(16, MessageSize), in message);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Checksum(destination));
    }

    /// <summary>What is wrong with a record, if anything.</summary>
    public static JournalFault CheckRecord(ReadOnlySpan<byte> record, long expectedSequence)
    {
        if (!IsIntact(record))
        {
            return JournalFault.CrcMismatch;
        }

        return SequenceOf(record) == expectedSequence ? JournalFault.None : JournalFault.SequenceGap;
    }

    /// <summary>True when a record's marker and CRC-32C are right: its bytes are as the writer wrote them, whatever its sequence.</summary>
    public static bool IsIntact(ReadOnlySpan<byte> record) =>
        BinaryPrimitives.ReadUInt32LittleEndian(record[4..]) == RecordMarker
        && BinaryPrimitives.ReadUInt32LittleEndian(record) == Checksum(record);

    /// <summary>The sequence of a record.</summary>
    public static long SequenceOf(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[8..]);

    /// <summary>The message of a record.</summary>
    public static OmsMessage MessageOf(ReadOnlySpan<byte> record) => MemoryMarshal.Read<OmsMessage>(record.Slice(16, MessageSize));

    private static uint Checksum(ReadOnlySpan<byte> record) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, record[8..RecordSize]);
}

/// <summary>What stopped a journal read.</summary>
public enum JournalFault : byte
{
    /// <summary>Every record is good.</summary>
    None,
    /// <summary>The file ends inside a record: a write was cut short (a crash).</summary>
    TornTail,
    /// <summary>A record's CRC-32C or marker does not match: its bytes are damaged.</summary>
    CrcMismatch,
    /// <summary>A record's sequence is not the one after the previous record's.</summary>
    SequenceGap,
    /// <summary>The header is missing or not this format.</summary>
    BadHeader,
}
