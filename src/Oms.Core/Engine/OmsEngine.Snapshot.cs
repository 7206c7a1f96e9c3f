using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Oms.Engine;

public sealed partial class OmsEngine
{
    private static ReadOnlySpan<byte> SnapshotMagic => "OMSSNAP1"u8;
    private const int SnapshotVersion = 4; // 2: fills carry their chain key; 3: index entries carry their tag (an ExecID's venue); 4: so do venue OrderIDs
    private const int SnapshotHeaderSize = 32;

    /// <summary>
    /// Writes the engine's whole state (order, position, fill and id tables, counters, sequences) to
    /// <paramref name="destination"/>: a 32-byte header (magic, version, the next input sequence, payload length,
    /// CRC-32C of the payload) and the payload. Restart = <see cref="ReadSnapshot"/> + the journal from
    /// <see cref="InputSequence"/> on.
    /// </summary>
    /// <remarks>Engine thread only, between messages: the engine stops while it writes (milliseconds per
    /// ten thousand orders). Allocates (off the hot path).</remarks>
    public void WriteSnapshot(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            _counters.WriteSnapshot(w);
            w.Write(_anomalySequence);
            w.Write(_mintSequence);
            w.Write(_strategySequence.Length);
            foreach (long s in _strategySequence)
            {
                w.Write(s);
            }

            _orders.WriteSnapshot(w);
            _positions.WriteSnapshot(w);
            _fills.WriteSnapshot(w);
        }

        ReadOnlySpan<byte> body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        Span<byte> header = stackalloc byte[SnapshotHeaderSize];
        header.Clear();
        SnapshotMagic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], SnapshotVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, body));
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], InputSequence);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], body.Length);
        destination.Write(header);
        destination.Write(body);
    }

    /// <summary>
    /// Builds an engine from a snapshot written by <see cref="WriteSnapshot"/>, with the same capacities.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a snapshot, damaged (CRC), another version, or capacities that differ.</exception>
    public static OmsEngine ReadSnapshot(Stream source, OmsEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> header = stackalloc byte[SnapshotHeaderSize];
        if (source.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header[..8].SequenceEqual(SnapshotMagic) || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != SnapshotVersion)
        {
            throw new InvalidDataException("not an Oms snapshot of this version (bad or short header)");
        }

        long length = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        if (length is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"snapshot header claims a {length}-byte body");
        }

        byte[] body = new byte[length];
        if (source.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
        {
            throw new InvalidDataException("snapshot truncated: the body is shorter than its header says");
        }
        if (Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, body) != BinaryPrimitives.ReadUInt32LittleEndian(header[12..]))
        {
            throw new InvalidDataException("snapshot damaged: CRC-32C mismatch");
        }

        var engine = new OmsEngine(options);
        using var r = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        engine._counters.ReadSnapshot(r);
        engine._anomalySequence = r.ReadInt64();
        engine._mintSequence = r.ReadInt64();
        int strategies = r.ReadInt32();
        if (strategies != engine._strategySequence.Length)
        {
            throw new InvalidDataException("snapshot strategy capacity differs from this engine's");
        }

        for (int i = 0; i < strategies; i++)
        {
            engine._strategySequence[i] = r.ReadInt64();
        }

        engine._orders.ReadSnapshot(r);
        int outside = engine.FirstOrderOnAnUnknownVenue();
        if (outside >= 0)
        {
            throw new InvalidDataException(
                $"snapshot order row {outside} was sent to venue {engine._orders.Flags[outside].Venue}; this engine has venues 1..{options.MaxVenues} (capacities that differ)");
        }

        engine._liveOrders = engine.CountLiveOrders();
        engine._positions.ReadSnapshot(r);
        engine._fills.ReadSnapshot(r, engine._orders.RowsHandedOut);
        int row = engine._positions.RebuildCheckpoints(engine._fills);
        if (row >= 0)
        {
            throw new InvalidDataException($"snapshot position row {row} disagrees with a replay of its fills (or its chain names fills that are not there)");
        }

        if (engine.InputSequence != BinaryPrimitives.ReadInt64LittleEndian(header[16..]))
        {
            throw new InvalidDataException("snapshot header and body disagree on the input sequence");
        }

        return engine;
    }
}
