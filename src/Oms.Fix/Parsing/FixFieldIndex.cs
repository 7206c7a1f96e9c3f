using System.Runtime.CompilerServices;

namespace Oms.Fix;

/// <summary>
/// The preallocated tag → (offset, length) index behind a <see cref="FixParser"/>: one slot per tag the codec
/// reads, found through a dense tag → slot table. A slot is present when its stamp equals the current
/// generation, so starting a new message costs one increment, not a clear.
/// </summary>
internal sealed class FixFieldIndex
{
    private static readonly int[] s_knownTags =
    [
        FixTag.BeginString, FixTag.BodyLength, FixTag.MsgType, FixTag.SenderCompId, FixTag.TargetCompId,
        FixTag.MsgSeqNum, FixTag.SendingTime, FixTag.PossDupFlag, FixTag.PossResend, FixTag.CheckSum,
        FixTag.ClOrdId, FixTag.OrigClOrdId, FixTag.OrderId, FixTag.ExecId, FixTag.ExecRefId, FixTag.ExecType,
        FixTag.OrdStatus, FixTag.Account, FixTag.Symbol, FixTag.Side, FixTag.OrderQty, FixTag.OrdType,
        FixTag.Price, FixTag.StopPx, FixTag.TimeInForce, FixTag.ExpireTime, FixTag.LastQty, FixTag.LastPx,
        FixTag.CumQty, FixTag.LeavesQty, FixTag.AvgPx, FixTag.TransactTime, FixTag.Text, FixTag.CxlRejReason,
        FixTag.CxlRejResponseTo, FixTag.ExecRestatementReason, FixTag.OrdRejReason, FixTag.Commission,
        FixTag.CommType,
    ];

    // Slot + 1 per tag, 0 for tags the codec does not index.
    private static readonly byte[] s_slotOfTag = BuildSlots();

    private readonly int[] _offset = new int[s_knownTags.Length];
    private readonly int[] _length = new int[s_knownTags.Length];
    private readonly uint[] _stamp = new uint[s_knownTags.Length];
    private uint _generation;

    /// <summary>Fields of the current message whose tag the codec does not index (skipped, counted).</summary>
    public int UnknownCount;

    /// <summary>The separator of the current message.</summary>
    public FixSeparator Separator;

    /// <summary>The current message's generation; a view of an older one is stale.</summary>
    public uint Generation => _generation;

    /// <summary>Forgets the previous message.</summary>
    public void Reset()
    {
        UnknownCount = 0;
        if (++_generation == 0)
        {
            // Once per 2^32 messages: stamps of the previous cycle must not look present.
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>The slot of an indexed tag, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SlotOf(int tag) => (uint)tag < (uint)s_slotOfTag.Length ? s_slotOfTag[tag] - 1 : -1;

    /// <summary>Records a field; false when the slot is already present in this message.</summary>
    public bool TrySet(int slot, int offset, int length)
    {
        if (_stamp[slot] == _generation)
        {
            return false;
        }

        _stamp[slot] = _generation;
        _offset[slot] = offset;
        _length[slot] = length;
        return true;
    }

    /// <summary>The value range of <paramref name="tag"/> in the current message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(int tag, out int offset, out int length)
    {
        int slot = SlotOf(tag);
        if (slot >= 0 && _stamp[slot] == _generation)
        {
            offset = _offset[slot];
            length = _length[slot];
            return true;
        }

        offset = 0;
        length = 0;
        return false;
    }

    /// <summary>True when <paramref name="tag"/> is present in the current message.</summary>
    public bool Has(int tag)
    {
        int slot = SlotOf(tag);
        return slot >= 0 && _stamp[slot] == _generation;
    }

    private static byte[] BuildSlots()
    {
        var slots = new byte[s_knownTags.Max() + 1];
        for (int i = 0; i < s_knownTags.Length; i++)
        {
            slots[s_knownTags[i]] = (byte)(i + 1);
        }

        return slots;
    }
}
