namespace Oms.Fix;

/// <summary>The session constants and formatting choices of a <see cref="FixWriter"/>.</summary>
public sealed record FixWriterOptions
{
    /// <summary>BeginString (8). "FIX.4.4" by default.</summary>
    public string BeginString { get; init; } = "FIX.4.4";

    /// <summary>SenderCompID (49); omitted when empty.</summary>
    public string SenderCompId { get; init; } = "";

    /// <summary>TargetCompID (56); omitted when empty.</summary>
    public string TargetCompId { get; init; } = "";

    /// <summary>The field separator: SOH on the wire, '|' or "^A" for logs and tests.</summary>
    public FixSeparator Separator { get; init; } = FixSeparator.Soh;

    /// <summary>
    /// Fractional digits of written timestamps: 0, 3 (the default: FIX 4.4 defines milliseconds), 6 or 9.
    /// Finer time is truncated towards the past.
    /// </summary>
    public int TimestampDigits { get; init; } = 3;

    /// <summary>The room a write into an <see cref="System.Buffers.IBufferWriter{T}"/> asks for; a longer message throws.</summary>
    public int MaxMessageLength { get; init; } = 4_096;
}
