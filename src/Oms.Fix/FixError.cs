namespace Oms.Fix;

/// <summary>Why a line could not be parsed or translated. Values are stable: they may be counted and logged.</summary>
public enum FixErrorCode : byte
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>The line is empty or only whitespace.</summary>
    Empty = 1,
    /// <summary>Not a FIX message: it does not start with "8=" (after an optional log prefix), or a field is malformed.</summary>
    Garbage = 2,
    /// <summary>The line ends inside a field, or before the length BodyLength promises.</summary>
    Truncated = 3,
    /// <summary>A tag is not a positive decimal number without leading zeros.</summary>
    BadTag = 4,
    /// <summary>A field has an empty value.</summary>
    EmptyValue = 5,
    /// <summary>A field the codec indexes occurs twice.</summary>
    DuplicateTag = 6,
    /// <summary>Bytes follow the CheckSum field.</summary>
    TrailingData = 7,
    /// <summary>BodyLength does not match the body.</summary>
    BadBodyLength = 8,
    /// <summary>CheckSum does not match the bytes before it.</summary>
    BadCheckSum = 9,
    /// <summary>A field required for the message type is absent.</summary>
    MissingTag = 10,
    /// <summary>MsgType is not one the codec parses: D, F, G, 8, 9, H or a session-level type (0, 1, 2, 3, 4, 5, A).</summary>
    UnsupportedMsgType = 11,
    /// <summary>A value is not of its field's type, or not one of its field's allowed values.</summary>
    BadValue = 12,
    /// <summary>A decimal has more significant fractional digits than its scale holds (never rounded).</summary>
    TooManyDecimals = 13,
    /// <summary>A number does not fit its raw representation.</summary>
    ValueOutOfRange = 14,
    /// <summary>A new account could not be interned: the account table is full.</summary>
    AccountTableFull = 15,
    /// <summary>A new symbol could not be added: the instrument directory is full.</summary>
    InstrumentTableFull = 16,
    /// <summary>
    /// The standard header's first fields are not in order: BeginString (8) first, BodyLength (9) second and
    /// MsgType (35) third, or second when the message has no BodyLength. The tag is the misplaced field.
    /// </summary>
    FieldOutOfOrder = 17,
    /// <summary>
    /// An execution report or a cancel/replace request names a symbol the instrument directory does not know: its
    /// prices and quantities have no scales to be read at, and no order can be on it (only new orders add symbols).
    /// </summary>
    UnknownSymbol = 18,
}

/// <summary>An error code and the tag it concerns (0 when it concerns the line, not a field).</summary>
/// <param name="Code">What is wrong.</param>
/// <param name="Tag">The field it is wrong in, or 0.</param>
public readonly record struct FixError(FixErrorCode Code, int Tag)
{
    /// <summary>No error.</summary>
    public static FixError None => default;

    /// <summary>True when this is <see cref="None"/>.</summary>
    public bool IsNone => Code == FixErrorCode.None;

    /// <summary>Formats as <c>Code(tag)</c>, e.g. <c>MissingTag(35)</c>, or just <c>Code</c> when no tag applies.</summary>
    public override string ToString() => Tag == 0 ? Code.ToString() : $"{Code}({Tag})";
}
