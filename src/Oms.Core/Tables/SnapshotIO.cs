using Oms.Domain;

namespace Oms.Tables;

/// <summary>Little helpers for the tables' snapshot sections (off the hot path; BinaryWriter/Reader).</summary>
internal static class SnapshotIO
{
    public static void Write(this BinaryWriter w, IdToken id)
    {
        w.Write((ulong)(id.Value >> 64));
        w.Write((ulong)id.Value);
    }

    public static IdToken ReadId(this BinaryReader r)
    {
        ulong hi = r.ReadUInt64();
        return new IdToken(new UInt128(hi, r.ReadUInt64()));
    }

    public static void Write(this BinaryWriter w, Int128 v)
    {
        w.Write((ulong)(v >> 64));
        w.Write((ulong)v);
    }

    public static Int128 ReadInt128(this BinaryReader r)
    {
        ulong hi = r.ReadUInt64();
        return new Int128(hi, r.ReadUInt64());
    }

    /// <summary>Writes every entry of an index (count, then key/value pairs in bucket order).</summary>
    public static void Write(this BinaryWriter w, TokenIndex index)
    {
        w.Write(index.Count);
        for (int b = 0; b < index.BucketCount; b++)
        {
            if (index.TryGetBucket(b, out IdToken key, out int value))
            {
                w.Write(key);
                w.Write(value);
            }
        }
    }

    public static void ReadInto(this BinaryReader r, TokenIndex index)
    {
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++)
        {
            IdToken key = r.ReadId();
            if (!index.TryAdd(key, r.ReadInt32()))
            {
                throw new InvalidDataException("snapshot index does not fit this engine's capacity");
            }
        }
    }
}
