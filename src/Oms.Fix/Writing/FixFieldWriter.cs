namespace Oms.Fix;

/// <summary>
/// Appends tag=value fields to a message a <see cref="FixWriter"/> is writing. Running out of room does not
/// throw: the writer stops and <see cref="Overflowed"/> turns true, and the write reports failure. A value
/// FIX cannot carry (empty, containing SOH or the line's separator, a non-printable character) is a programmer
/// error and throws <see cref="ArgumentException"/>.
/// </summary>
public ref struct FixFieldWriter
{
    private readonly Span<byte> _buffer;
    private readonly FixSeparator _separator;
    private readonly int _timestampDigits;
    private int _position;
    private int _fields;
    private bool _overflow;

    internal FixFieldWriter(Span<byte> buffer, int position, FixSeparator separator, int timestampDigits)
    {
        _buffer = buffer;
        _position = position;
        _separator = separator;
        _timestampDigits = timestampDigits;
    }

    /// <summary>True once a field did not fit; everything after it was dropped.</summary>
    public readonly bool Overflowed => _overflow;

    internal readonly int Position => _position;

    internal readonly int Fields => _fields;

    private readonly Span<byte> Free => _buffer[_position..];

    /// <summary>Appends a field with a text value (UTF-8).</summary>
    public void Add(int tag, scoped ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Contains((byte)1) || (_separator == FixSeparator.Pipe && value.Contains((byte)'|'))
            || (_separator == FixSeparator.Caret && value.IndexOf("^A"u8) >= 0))
        {
            ThrowHelper.ThrowArgument(nameof(value), $"tag {tag}: a FIX value is non-empty and contains no separator");
        }

        if (TryBegin(tag) && value.TryCopyTo(Free))
        {
            End(value.Length);
            return;
        }

        _overflow = true;
    }

    /// <summary>Appends a field when <paramref name="value"/> is not empty.</summary>
    public void AddIfNotEmpty(int tag, scoped ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            Add(tag, value);
        }
    }

    /// <summary>Appends a one-character field (a FIX char enum value).</summary>
    public void AddChar(int tag, byte value)
    {
        if (value is < 0x21 or > 0x7E || (value == (byte)'|' && _separator == FixSeparator.Pipe))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(value), $"tag {tag}: not a printable FIX character");
        }

        if (TryBegin(tag) && !Free.IsEmpty)
        {
            Free[0] = value;
            End(1);
            return;
        }

        _overflow = true;
    }

    /// <summary>Appends an integer field.</summary>
    public void AddInt(int tag, long value) => AddDecimal(tag, value, 0);

    /// <summary>Appends a fixed-point value exactly, trailing fractional zeros trimmed.</summary>
    public void AddDecimal(int tag, long raw, int scale)
    {
        if (TryBegin(tag) && FixDecimal.TryFormat(raw, scale, Free, out int n))
        {
            End(n);
            return;
        }

        _overflow = true;
    }

    /// <summary>Appends a UTC timestamp at the writer's precision.</summary>
    public void AddTimestamp(int tag, long nanos)
    {
        if (TryBegin(tag) && FixTimestamp.TryFormat(nanos, _timestampDigits, Free, out int n))
        {
            End(n);
            return;
        }

        _overflow = true;
    }

    private bool TryBegin(int tag)
    {
        if ((uint)(tag - 1) >= 999_999_999)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(tag), "a FIX tag is positive");
        }

        Span<byte> free = Free;
        if (_overflow || !AsciiDigits.TryWrite((ulong)tag, free, out int n) || n >= free.Length)
        {
            return false;
        }

        free[n] = (byte)'=';
        _position += n + 1;
        return true;
    }

    private void End(int valueLength)
    {
        _position += valueLength;
        if (!FixWriter.TryWriteSeparator(_separator, Free, out int n))
        {
            _overflow = true;
            return;
        }

        _position += n;
        _fields++;
    }
}
