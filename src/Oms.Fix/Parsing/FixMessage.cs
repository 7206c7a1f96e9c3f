using System.Diagnostics;

namespace Oms.Fix;

/// <summary>
/// A parsed message: a view over the caller's bytes and the parser's field index. Values are spans into the
/// line; nothing is copied or allocated.
/// </summary>
/// <remarks>
/// Valid until the same <see cref="FixParser"/> parses again and while the line's bytes are unchanged. Only the
/// fields the codec indexes (<see cref="FixTag"/>) can be read; others were skipped and counted.
/// </remarks>
public readonly ref struct FixMessage
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly FixFieldIndex? _index;
    private readonly uint _generation;

    internal FixMessage(ReadOnlySpan<byte> text, FixFieldIndex index, FixMsgType msgType, long logTimestamp)
    {
        _text = text;
        _index = index;
        _generation = index.Generation;
        MsgType = msgType;
        LogTimestamp = logTimestamp;
    }

    /// <summary>The message type.</summary>
    public FixMsgType MsgType { get; }

    /// <summary>
    /// True for a session-level message (Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout,
    /// Logon): the session layer's business, never an engine message. Only its standard header was checked.
    /// </summary>
    public bool IsSessionMessage => FixFraming.IsSessionType(MsgType);

    /// <summary>The message text, from "8=" to the end of the CheckSum field (or of the last field).</summary>
    public ReadOnlySpan<byte> Text => _text;

    /// <summary>The separator the line used.</summary>
    public FixSeparator Separator => _index is null ? FixSeparator.Soh : Index.Separator;

    /// <summary>The timestamp of the QuickFIX log prefix in nanoseconds since the Unix epoch, or 0 when the line had none.</summary>
    public long LogTimestamp { get; }

    /// <summary>Fields skipped because the codec does not index their tag (repeating groups, custom tags).</summary>
    public int UnknownFieldCount => _index is null ? 0 : Index.UnknownCount;

    private FixFieldIndex Index
    {
        get
        {
            Debug.Assert(_index!.Generation == _generation, "Invariant: a FixMessage is read before its parser parses again");
            return _index;
        }
    }

    /// <summary>True when the message carries <paramref name="tag"/> (never for the empty message of a failed parse).</summary>
    public bool Has(int tag) => _index is not null && Index.Has(tag);

    /// <summary>The raw value of <paramref name="tag"/>; false when absent.</summary>
    public bool TryGet(int tag, out ReadOnlySpan<byte> value)
    {
        if (_index is not null && Index.TryGet(tag, out int offset, out int length))
        {
            value = _text.Slice(offset, length);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The raw value of <paramref name="tag"/>, empty when absent.</summary>
    public ReadOnlySpan<byte> Get(int tag) => TryGet(tag, out ReadOnlySpan<byte> v) ? v : default;

    /// <summary>Reads a decimal at <paramref name="scale"/> (see <see cref="FixDecimal.TryParse"/>); MissingTag when absent.</summary>
    public FixError ReadDecimal(int tag, int scale, out long raw)
    {
        raw = 0;
        if (!TryGet(tag, out ReadOnlySpan<byte> v))
        {
            return new FixError(FixErrorCode.MissingTag, tag);
        }

        FixErrorCode code = FixDecimal.TryParse(v, scale, out raw);
        return code == FixErrorCode.None ? default : new FixError(code, tag);
    }

    /// <summary>Reads a non-negative integer of up to 18 digits; MissingTag when absent.</summary>
    public FixError ReadInt(int tag, out long value)
    {
        value = 0;
        if (!TryGet(tag, out ReadOnlySpan<byte> v))
        {
            return new FixError(FixErrorCode.MissingTag, tag);
        }

        return AsciiDigits.TryParseUnsigned(v, out value) ? default : new FixError(FixErrorCode.BadValue, tag);
    }

    /// <summary>Reads a UTC timestamp in nanoseconds since the Unix epoch; MissingTag when absent.</summary>
    public FixError ReadTimestamp(int tag, out long nanos)
    {
        nanos = 0;
        if (!TryGet(tag, out ReadOnlySpan<byte> v))
        {
            return new FixError(FixErrorCode.MissingTag, tag);
        }

        return FixTimestamp.TryParse(v, out nanos) ? default : new FixError(FixErrorCode.BadValue, tag);
    }

    /// <summary>Reads a one-character value; MissingTag when absent, BadValue when longer.</summary>
    public FixError ReadChar(int tag, out byte value)
    {
        value = 0;
        if (!TryGet(tag, out ReadOnlySpan<byte> v))
        {
            return new FixError(FixErrorCode.MissingTag, tag);
        }

        if (v.Length != 1)
        {
            return new FixError(FixErrorCode.BadValue, tag);
        }

        value = v[0];
        return default;
    }
}
