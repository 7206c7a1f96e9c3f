namespace Oms.Domain;

/// <summary>
/// The engine's internal order id: a table slot plus that slot's generation, so an id taken before a slot
/// was recycled never aliases the order that reuses it.
/// </summary>
/// <param name="Value">The packed value: generation in the high 32 bits, slot in the low 32 bits.</param>
public readonly record struct OrderId(ulong Value)
{
    /// <summary>The id no order has.</summary>
    public static OrderId None => default;

    /// <summary>Packs a slot and a generation (generation starts at 1, so no real id is zero).</summary>
    public static OrderId From(int slot, uint generation) => new(((ulong)generation << 32) | (uint)slot);

    /// <summary>The table slot.</summary>
    public int Slot => (int)(uint)Value;

    /// <summary>The slot's generation when the order took it.</summary>
    public uint Generation => (uint)(Value >> 32);

    /// <summary>True when this is <see cref="None"/>.</summary>
    public bool IsNone => Value == 0;

    /// <inheritdoc />
    public override string ToString() => IsNone ? "none" : $"{Slot}#{Generation}";
}
