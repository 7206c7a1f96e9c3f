namespace Oms.Fix;

/// <summary>How strict a <see cref="FixParser"/> is about the framing fields.</summary>
public sealed record FixParserOptions
{
    /// <summary>The defaults: BodyLength and CheckSum are verified when present, not required (logs may lack them).</summary>
    public static FixParserOptions Default { get; } = new();

    /// <summary>Refuse a message without BodyLength (9) as MissingTag(9). Off by default.</summary>
    public bool RequireBodyLength { get; init; }

    /// <summary>Refuse a message without CheckSum (10) as MissingTag(10). Off by default.</summary>
    public bool RequireCheckSum { get; init; }
}
