namespace Oms.Fix;

/// <summary>
/// Parses one FIX tag=value message from a line of bytes into a <see cref="FixMessage"/> view, without
/// allocating. Bad input never throws: the result is false with a <see cref="FixError"/> naming the reason and,
/// where one applies, the tag.
/// </summary>
/// <remarks>
/// <para>Threading: an instance is single-threaded (it owns the field index the views read); use one per thread.</para>
/// <para>
/// Accepted lines: a message starting "8=", optionally preceded by a QuickFIX message-log prefix
/// ("20261125-13:30:00.123 : ", a UTC timestamp then " : ", or QuickFIX/J's ": "), optionally followed by CR/LF. Fields are
/// separated by SOH, '|' or the text "^A", whichever follows BeginString; the whole line must use it. With '|'
/// or "^A", BodyLength and CheckSum are checked as if each separator were one SOH byte, which is how logs are
/// made from the wire; a value that itself contains the separator text cannot be told apart and fails the checks.
/// </para>
/// <para>
/// Checks, in order: framing (every field "tag=value" and terminated; BeginString (8), BodyLength (9) and MsgType
/// (35) first, in that order, MsgType second when BodyLength is absent, else <see cref="FixErrorCode.FieldOutOfOrder"/>;
/// the CheckSum field last, its final separator optional); BodyLength (9) and CheckSum (10) when present (required when
/// <see cref="FixParserOptions"/> says so); the header's session fields when present (MsgSeqNum (34) a positive
/// integer of up to 18 digits, PossDupFlag (43) and PossResend (97) 'Y' or 'N', else
/// <see cref="FixErrorCode.BadValue"/>); MsgType (35) one of D, F, G, 8, 9, H or a session-level
/// type (0, 1, 2, 3, 4, 5, A; <see cref="FixMessage.IsSessionMessage"/>), else <see cref="FixErrorCode.UnsupportedMsgType"/>;
/// the required fields of the type (see <see cref="FixMessage"/>; none for a session-level type). An indexed tag
/// seen twice is <see cref="FixErrorCode.DuplicateTag"/>; other tags are skipped and counted. Other field values are
/// checked when read, by <see cref="FixMessage"/>'s readers and by <see cref="FixTranslator"/>.
/// </para>
/// </remarks>
public sealed class FixParser
{
    private readonly FixFieldIndex _index = new();
    private readonly FixParserOptions _options;

    /// <summary>Creates a parser with <see cref="FixParserOptions.Default"/>.</summary>
    public FixParser() : this(FixParserOptions.Default)
    {
    }

    /// <summary>Creates a parser.</summary>
    public FixParser(FixParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>
    /// Parses <paramref name="line"/>. On success <paramref name="message"/> views it until the next call; on failure
    /// <paramref name="message"/> is empty and <paramref name="error"/> says why.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> line, out FixMessage message, out FixError error)
    {
        _index.Reset();
        message = default;
        error = StripLogPrefix(line, out ReadOnlySpan<byte> text, out long logTimestamp);
        if (error.IsNone)
        {
            error = Tokenize(text, out Layout layout);
            if (error.IsNone)
            {
                error = Verify(text, in layout, out FixMsgType type);
                if (error.IsNone)
                {
                    message = new FixMessage(text[..layout.End], _index, type, logTimestamp);
                    return true;
                }
            }
        }

        return false;
    }

    private static FixError StripLogPrefix(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> text, out long logTimestamp)
    {
        text = line.TrimEnd("\r\n \t"u8);
        logTimestamp = 0;
        if (text.IsEmpty)
        {
            return new FixError(FixErrorCode.Empty, 0);
        }

        if (text.StartsWith("8="u8))
        {
            return default;
        }

        // QuickFIX (C++, .NET) writes "<time> : "; QuickFIX/J writes "<time>: ".
        int at = text.IndexOf("8=FIX"u8);
        ReadOnlySpan<byte> prefix = at < 0 ? default : text[..at];
        int timeLength = prefix.EndsWith(" : "u8) ? at - 3 : prefix.EndsWith(": "u8) ? at - 2 : -1;
        if (timeLength < 0 || !FixTimestamp.TryParse(prefix[..timeLength], out logTimestamp))
        {
            return new FixError(FixErrorCode.Garbage, 0);
        }

        text = text[at..];
        return default;
    }

    private FixError Tokenize(ReadOnlySpan<byte> text, out Layout layout)
    {
        layout = new Layout();
        FixError error = DetectSeparator(text, out FixSeparator separator);
        if (!error.IsNone)
        {
            return error;
        }

        _index.Separator = separator;
        layout.SeparatorLength = separator == FixSeparator.Caret ? 2 : 1;
        int pos = 0;
        while (pos < text.Length)
        {
            error = NextField(text, pos, separator, ref layout, out pos);
            if (!error.IsNone)
            {
                return error;
            }
        }

        layout.End = pos;
        return default;
    }

    private static FixError DetectSeparator(ReadOnlySpan<byte> text, out FixSeparator separator)
    {
        separator = FixSeparator.Soh;
        int at = text.IndexOfAny((byte)1, (byte)'|', (byte)'^');
        if (at < 0)
        {
            return new FixError(FixErrorCode.Truncated, FixTag.BeginString);
        }

        separator = text[at] == 1 ? FixSeparator.Soh : text[at] == (byte)'|' ? FixSeparator.Pipe : FixSeparator.Caret;
        bool caretOk = separator != FixSeparator.Caret || (at + 1 < text.Length && text[at + 1] == (byte)'A');
        return caretOk && text[2..at].StartsWith("FIX"u8) ? default : new FixError(FixErrorCode.BadValue, FixTag.BeginString);
    }

    private FixError NextField(ReadOnlySpan<byte> text, int pos, FixSeparator separator, ref Layout layout, out int next)
    {
        next = text.Length;
        ReadOnlySpan<byte> rest = text[pos..];
        int eq = rest.IndexOf((byte)'=');
        if (eq < 0)
        {
            return new FixError(IndexOfSeparator(rest, separator) < 0 ? FixErrorCode.Truncated : FixErrorCode.Garbage, 0);
        }

        if (!TryParseTag(rest[..eq], out int tag))
        {
            return new FixError(FixErrorCode.BadTag, 0);
        }

        int valueStart = pos + eq + 1;
        int valueLength = IndexOfSeparator(text[valueStart..], separator);
        if (valueLength < 0)
        {
            // The CheckSum field may lack its final separator (some tools drop it); any other field may not.
            if (tag != FixTag.CheckSum)
            {
                return new FixError(FixErrorCode.Truncated, tag);
            }

            valueLength = text.Length - valueStart;
        }

        if (valueLength == 0)
        {
            return new FixError(FixErrorCode.EmptyValue, tag);
        }

        next = Math.Min(text.Length, valueStart + valueLength + layout.SeparatorLength);
        return Record(tag, valueStart, valueLength, pos, next, text.Length, ref layout);
    }

    private FixError Record(int tag, int valueStart, int valueLength, int fieldStart, int next, int end, ref Layout layout)
    {
        int slot = FixFieldIndex.SlotOf(tag);
        if (slot < 0)
        {
            _index.UnknownCount++;
        }
        else if (!_index.TrySet(slot, valueStart, valueLength))
        {
            return new FixError(FixErrorCode.DuplicateTag, tag);
        }

        if (tag == FixTag.BodyLength)
        {
            // The header starts 8, 9, 35 (BeginString is first by construction: the text starts with "8=").
            if (layout.Fields != 1)
            {
                return new FixError(FixErrorCode.FieldOutOfOrder, FixTag.BodyLength);
            }

            layout.BodyLengthOrdinal = layout.Fields;
            layout.BodyStart = next;
        }
        else if (tag == FixTag.MsgType)
        {
            // Third after BodyLength, second without it (a BodyLength after MsgType is refused above).
            if (layout.Fields != (layout.BodyLengthOrdinal < 0 ? 1 : 2))
            {
                return new FixError(FixErrorCode.FieldOutOfOrder, FixTag.MsgType);
            }
        }
        else if (tag == FixTag.CheckSum)
        {
            layout.CheckSumOrdinal = layout.Fields;
            layout.CheckSumStart = fieldStart;
            if (next < end)
            {
                return new FixError(FixErrorCode.TrailingData, FixTag.CheckSum);
            }
        }

        layout.Fields++;
        return default;
    }

    private static int IndexOfSeparator(ReadOnlySpan<byte> span, FixSeparator separator) => separator switch
    {
        FixSeparator.Soh => span.IndexOf((byte)1),
        FixSeparator.Pipe => span.IndexOf((byte)'|'),
        _ => span.IndexOf("^A"u8),
    };

    private static bool TryParseTag(ReadOnlySpan<byte> text, out int tag)
    {
        tag = 0;
        if ((uint)(text.Length - 1) >= 9 || text[0] == (byte)'0')
        {
            return false;
        }

        foreach (byte c in text)
        {
            uint d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            tag = (tag * 10) + (int)d;
        }

        return true;
    }

    private FixError Verify(ReadOnlySpan<byte> text, in Layout layout, out FixMsgType type)
    {
        type = FixMsgType.None;
        FixError error = FixFraming.CheckBodyLength(text, _index, in layout, _options.RequireBodyLength);
        if (error.IsNone)
        {
            error = FixFraming.CheckCheckSum(text, _index, in layout, _options.RequireCheckSum);
        }

        if (error.IsNone)
        {
            error = FixFraming.CheckHeaderValues(text, _index);
        }

        if (error.IsNone)
        {
            error = FixFraming.ReadMsgType(text, _index, out type);
        }

        if (error.IsNone)
        {
            int missing = FixRequiredTags.FirstMissing(type, _index, text);
            error = missing == 0 ? default : new FixError(FixErrorCode.MissingTag, missing);
        }

        return error;
    }
}
