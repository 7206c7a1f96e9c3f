using System.Buffers;
using System.Text;

namespace Oms.Fix;

/// <summary>
/// Writes FIX messages: the standard header (8, 9, 35, 49, 56, 34, 52), a body, and the CheckSum trailer, with
/// BodyLength and CheckSum computed as for SOH whatever the separator (so a '|' log line parses back). Writes into
/// a caller's <see cref="Span{T}"/> or <see cref="IBufferWriter{T}"/>; allocates nothing per message.
/// </summary>
/// <remarks>
/// Threading: immutable after construction; safe from any number of threads. The body is written after room
/// for the largest BodyLength, then moved down once its length is known (a short in-buffer copy).
/// </remarks>
public sealed class FixWriter
{
    /// <summary>The largest MsgSeqNum written (and read): 18 digits.</summary>
    public const long MaxMsgSeqNum = 999_999_999_999_999_999;

    private const int MaxBodyLengthDigits = 7;

    private readonly byte[] _beginString;
    private readonly byte[] _senderCompId;
    private readonly byte[] _targetCompId;
    private readonly FixSeparator _separator;
    private readonly int _timestampDigits;
    private readonly int _maxMessageLength;

    /// <summary>Creates a writer. Throws when an option is invalid.</summary>
    public FixWriter(FixWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimestampDigits is not (0 or 3 or 6 or 9) || options.MaxMessageLength < 64
            || !options.BeginString.StartsWith("FIX", StringComparison.Ordinal) || options.Separator > FixSeparator.Caret)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options),
                "TimestampDigits is 0, 3, 6 or 9; MaxMessageLength at least 64; BeginString starts with FIX; a known separator");
        }

        _beginString = Encoding.UTF8.GetBytes(options.BeginString);
        _senderCompId = Encoding.UTF8.GetBytes(options.SenderCompId);
        _targetCompId = Encoding.UTF8.GetBytes(options.TargetCompId);
        _separator = options.Separator;
        _timestampDigits = options.TimestampDigits;
        _maxMessageLength = options.MaxMessageLength;
    }

    /// <summary>
    /// Writes one message into <paramref name="destination"/>. False (and nothing meaningful written) when it does
    /// not fit. <paramref name="sendingTime"/> is nanoseconds since the Unix epoch. Throws when
    /// <paramref name="msgSeqNum"/> is not in 1..<see cref="MaxMsgSeqNum"/>, the range <see cref="FixParser"/> reads.
    /// </summary>
    public bool TryWrite<TBody>(Span<byte> destination, long msgSeqNum, long sendingTime, in TBody body, out int written)
        where TBody : IFixMessageBody, allows ref struct
    {
        if ((ulong)(msgSeqNum - 1) >= MaxMsgSeqNum)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(msgSeqNum), "MsgSeqNum must be in 1..999999999999999999");
        }

        written = 0;
        int separatorLength = _separator == FixSeparator.Caret ? 2 : 1;
        int prefix = 2 + _beginString.Length + separatorLength + 2;
        int bodyStart = prefix + MaxBodyLengthDigits + separatorLength;
        if (bodyStart > destination.Length)
        {
            return false;
        }

        var fields = new FixFieldWriter(destination, bodyStart, _separator, _timestampDigits);
        fields.AddChar(FixTag.MsgType, (byte)body.MsgType);
        fields.AddIfNotEmpty(FixTag.SenderCompId, _senderCompId);
        fields.AddIfNotEmpty(FixTag.TargetCompId, _targetCompId);
        fields.AddInt(FixTag.MsgSeqNum, msgSeqNum);
        fields.AddTimestamp(FixTag.SendingTime, sendingTime);
        body.WriteBody(ref fields);
        if (fields.Overflowed)
        {
            return false;
        }

        int bodyBytes = fields.Position - bodyStart;
        int bodyLength = bodyBytes - (fields.Fields * (separatorLength - 1));
        if (bodyLength > 9_999_999)
        {
            return false;
        }

        int at = WriteHeader(destination, bodyLength, separatorLength);
        destination.Slice(bodyStart, bodyBytes).CopyTo(destination[at..]);
        at += bodyBytes;
        return TryWriteCheckSum(destination, at, fields.Fields + 2, out written);
    }

    /// <summary>
    /// Writes one message into <paramref name="output"/> and advances it; returns the bytes written. Throws when the
    /// message is longer than <see cref="FixWriterOptions.MaxMessageLength"/> or <paramref name="msgSeqNum"/> is
    /// not in 1..<see cref="MaxMsgSeqNum"/>.
    /// </summary>
    public int Write<TBody>(IBufferWriter<byte> output, long msgSeqNum, long sendingTime, in TBody body)
        where TBody : IFixMessageBody, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> span = output.GetSpan(_maxMessageLength);
        if (!TryWrite(span[.._maxMessageLength], msgSeqNum, sendingTime, in body, out int written))
        {
            ThrowHelper.ThrowArgument(nameof(body), "the message is longer than MaxMessageLength");
        }

        output.Advance(written);
        return written;
    }

    internal static bool TryWriteSeparator(FixSeparator separator, Span<byte> destination, out int written)
    {
        written = separator == FixSeparator.Caret ? 2 : 1;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        if (separator == FixSeparator.Caret)
        {
            destination[0] = (byte)'^';
            destination[1] = (byte)'A';
        }
        else
        {
            destination[0] = separator == FixSeparator.Pipe ? (byte)'|' : (byte)1;
        }

        return true;
    }

    private int WriteHeader(Span<byte> destination, int bodyLength, int separatorLength)
    {
        "8="u8.CopyTo(destination);
        _beginString.CopyTo(destination[2..]);
        int at = 2 + _beginString.Length;
        TryWriteSeparator(_separator, destination[at..], out _);
        at += separatorLength;
        "9="u8.CopyTo(destination[at..]);
        AsciiDigits.TryWrite((ulong)bodyLength, destination[(at + 2)..], out int digits);
        at += 2 + digits;
        TryWriteSeparator(_separator, destination[at..], out _);
        return at + separatorLength;
    }

    private bool TryWriteCheckSum(Span<byte> destination, int at, int separatorsBefore, out int written)
    {
        written = 0;
        int excess = _separator switch
        {
            FixSeparator.Pipe => '|' - 1,
            FixSeparator.Caret => '^' + 'A' - 1,
            _ => 0,
        };
        int sum = (AsciiDigits.SumMod256(destination[..at]) - (separatorsBefore * excess)) & 0xFF;
        Span<byte> trailer = destination[at..];
        if (trailer.Length < 6 || !TryWriteSeparator(_separator, trailer[6..], out int n))
        {
            return false;
        }

        "10="u8.CopyTo(trailer);
        AsciiDigits.WriteFixedWidth((ulong)sum, trailer.Slice(3, 3));
        written = at + 6 + n;
        return true;
    }
}
