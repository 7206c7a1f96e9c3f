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

    /// <summary>Writes every entry of an index (count, then key, value and tag in bucket order).</summary>
    public static void Write(this BinaryWriter w, TokenIndex index)
    {
        w.Write(index.Count);
        for (int b = 0; b < index.BucketCount; b++)
        {
            if (index.TryGetBucket(b, out IdToken key, out int value, out uint tag))
            {
                w.Write(key);
                w.Write(value);
                w.Write(tag);
            }
        }
    }

    /// <summary>Reads the entries <see cref="Write(BinaryWriter, TokenIndex)"/> wrote into an empty index.</summary>
    /// <param name="r">The snapshot.</param>
    /// <param name="index">The index to fill.</param>
    /// <param name="valueLimit">When set, every value must be below it (row numbers); otherwise any value is taken.</param>
    /// <param name="scoped">The index is used scoped (<see cref="TokenIndex.TryGetScoped"/>): the tag is the scope, and a key may repeat under another one.</param>
    /// <exception cref="InvalidDataException">An entry does not fit, repeats one already read, or has a value outside 0 to <paramref name="valueLimit"/> − 1.</exception>
    public static void ReadInto(this BinaryReader r, TokenIndex index, int valueLimit = -1, bool scoped = false)
    {
        int n = r.ReadInt32();
        for (int i = 0; i < n; i++)
        {
            IdToken key = r.ReadId();
            int value = r.ReadInt32();
            uint tag = r.ReadUInt32();
            if (valueLimit >= 0 && (uint)value >= (uint)valueLimit)
            {
                throw new InvalidDataException($"snapshot index names row {value}, outside the {valueLimit} rows in use");
            }

            if (!(scoped ? index.TryAddScoped(key, tag, value) : index.TryAdd(key, value, tag)))
            {
                throw new InvalidDataException("snapshot index does not fit this engine's capacity, or repeats an entry");
            }
        }
    }
}
