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

    /// <summary>Reads the entries <see cref="Write(BinaryWriter, TokenIndex)"/> wrote into an empty index.</summary>
    /// <param name="r">The snapshot.</param>
    /// <param name="index">The index to fill.</param>
    /// <param name="valueLimit">When set, every value must be below it (row numbers); otherwise any value is taken.</param>
    /// <exception cref="InvalidDataException">An entry does not fit, or a value is outside 0 to <paramref name="valueLimit"/> − 1.</exception>
    public static void ReadInto(this BinaryReader r, TokenIndex index, int valueLimit = -1)
    {
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++)
        {
            IdToken key = r.ReadId();
            int value = r.ReadInt32();
            if (valueLimit >= 0 && (uint)value >= (uint)valueLimit)
            {
                throw new InvalidDataException($"snapshot index names row {value}, outside the {valueLimit} rows in use");
            }

            if (!index.TryAdd(key, value))
            {
                throw new InvalidDataException("snapshot index does not fit this engine's capacity");
            }
        }
    }
}
