namespace Oms.Fix;

/// <summary>Where a message's framing fields sit, as the tokenizer found them.</summary>
internal struct Layout
{
    public int Fields;
    public int SeparatorLength;
    public int End;
    public int BodyLengthOrdinal;
    public int BodyStart;
    public int CheckSumOrdinal;
    public int CheckSumStart;

    public Layout()
    {
        BodyLengthOrdinal = -1;
        CheckSumOrdinal = -1;
    }
}

/// <summary>The BodyLength, CheckSum and MsgType checks of <see cref="FixParser"/>.</summary>
internal static class FixFraming
{
    /// <summary>BodyLength counts from after the separator that ends field 9 up to and including the separator before "10=".</summary>
    public static FixError CheckBodyLength(ReadOnlySpan<byte> text, FixFieldIndex index, in Layout layout, bool required)
    {
        if (!index.TryGet(FixTag.BodyLength, out int offset, out int length))
        {
            return required ? new FixError(FixErrorCode.MissingTag, FixTag.BodyLength) : default;
        }

        if (!AsciiDigits.TryParseUnsigned(text.Slice(offset, length), out long declared))
        {
            return new FixError(FixErrorCode.BadValue, FixTag.BodyLength);
        }

        bool hasCheckSum = layout.CheckSumOrdinal >= 0;
        int end = hasCheckSum ? layout.CheckSumStart : layout.End;
        int separators = (hasCheckSum ? layout.CheckSumOrdinal : layout.Fields) - layout.BodyLengthOrdinal - 1;
        long actual = end - layout.BodyStart - ((long)separators * (layout.SeparatorLength - 1));
        if (declared == actual)
        {
            return default;
        }

        // Without a CheckSum a message cut at a separator is still well-formed: only BodyLength reveals the cut.
        return new FixError(!hasCheckSum && declared > actual ? FixErrorCode.Truncated : FixErrorCode.BadBodyLength,
            FixTag.BodyLength);
    }

    /// <summary>CheckSum is the sum of every byte before "10=", modulo 256, as three digits; separators count as SOH.</summary>
    public static FixError CheckCheckSum(ReadOnlySpan<byte> text, FixFieldIndex index, in Layout layout, bool required)
    {
        if (!index.TryGet(FixTag.CheckSum, out int offset, out int length))
        {
            return required ? new FixError(FixErrorCode.MissingTag, FixTag.CheckSum) : default;
        }

        ReadOnlySpan<byte> value = text.Slice(offset, length);
        if (length != 3 || !AsciiDigits.TryParseUnsigned(value, out long declared))
        {
            return new FixError(FixErrorCode.BadValue, FixTag.CheckSum);
        }

        int separatorExcess = index.Separator switch
        {
            FixSeparator.Pipe => '|' - 1,
            FixSeparator.Caret => '^' + 'A' - 1,
            _ => 0,
        };
        int sum = (AsciiDigits.SumMod256(text[..layout.CheckSumStart]) - (layout.CheckSumOrdinal * separatorExcess)) & 0xFF;
        return sum == declared ? default : new FixError(FixErrorCode.BadCheckSum, FixTag.CheckSum);
    }

    /// <summary>
    /// The session fields of the standard header, when present: MsgSeqNum (34) a positive integer of up to 18
    /// digits, PossDupFlag (43) and PossResend (97) 'Y' or 'N'. Otherwise BadValue for that tag.
    /// </summary>
    public static FixError CheckHeaderValues(ReadOnlySpan<byte> text, FixFieldIndex index)
    {
        if (index.TryGet(FixTag.MsgSeqNum, out int offset, out int length)
            && !(AsciiDigits.TryParseUnsigned(text.Slice(offset, length), out long seqNum) && seqNum > 0))
        {
            return new FixError(FixErrorCode.BadValue, FixTag.MsgSeqNum);
        }

        if (!IsBooleanOrAbsent(text, index, FixTag.PossDupFlag))
        {
            return new FixError(FixErrorCode.BadValue, FixTag.PossDupFlag);
        }

        return IsBooleanOrAbsent(text, index, FixTag.PossResend) ? default : new FixError(FixErrorCode.BadValue, FixTag.PossResend);
    }

    /// <summary>True for the session-level types: Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout, Logon.</summary>
    public static bool IsSessionType(FixMsgType type) => type is FixMsgType.Heartbeat or FixMsgType.TestRequest
        or FixMsgType.ResendRequest or FixMsgType.Reject or FixMsgType.SequenceReset or FixMsgType.Logout or FixMsgType.Logon;

    private static bool IsBooleanOrAbsent(ReadOnlySpan<byte> text, FixFieldIndex index, int tag) =>
        !index.TryGet(tag, out int offset, out int length) || (length == 1 && text[offset] is (byte)'Y' or (byte)'N');

    /// <summary>MsgType must be present and one of the types the codec parses (application or session level).</summary>
    public static FixError ReadMsgType(ReadOnlySpan<byte> text, FixFieldIndex index, out FixMsgType type)
    {
        type = FixMsgType.None;
        if (!index.TryGet(FixTag.MsgType, out int offset, out int length))
        {
            return new FixError(FixErrorCode.MissingTag, FixTag.MsgType);
        }

        byte c = length == 1 ? text[offset] : (byte)0;
        if (c is not ((byte)'D' or (byte)'F' or (byte)'G' or (byte)'8' or (byte)'9' or (byte)'H')
            && !IsSessionType((FixMsgType)c))
        {
            return new FixError(FixErrorCode.UnsupportedMsgType, FixTag.MsgType);
        }

        type = (FixMsgType)c;
        return default;
    }
}
