using System.Collections.Concurrent;

namespace Oms.Domain;

/// <summary>
/// Interns names (accounts, venues, strategies) into dense ids 1..capacity at the edge, before the ring,
/// so engine messages carry ints. Ids are never reused; the same name always gets the same id.
/// </summary>
/// <remarks>
/// Threading: safe from any number of threads. Lookups of known names are lock-free; adding a name takes a
/// lock (it happens once per name, at start-up or the first time a gateway sees it), never on the engine
/// thread. A full table refuses new names (<see cref="TryIntern"/> returns false).
/// </remarks>
public sealed class NameTable
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly string[] _names;
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Creates a table for up to <paramref name="capacity"/> names.</summary>
    public NameTable(int capacity)
    {
        if (capacity < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(capacity), "must be positive");
        }

        _names = new string[capacity + 1];
    }

    /// <summary>Names interned so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Names it can hold.</summary>
    public int Capacity => _names.Length - 1;

    /// <summary>The id of <paramref name="name"/>, adding it if new. False when the name is empty or the table is full.</summary>
    public bool TryIntern(string name, out int id)
    {
        if (string.IsNullOrEmpty(name))
        {
            id = 0;
            return false;
        }

        if (_ids.TryGetValue(name, out id))
        {
            return true;
        }

        lock (_gate)
        {
            if (_ids.TryGetValue(name, out id))
            {
                return true;
            }

            if (_count + 1 >= _names.Length)
            {
                id = 0;
                return false;
            }

            id = _count + 1;
            _names[id] = name;
            _ids[name] = id;
            Volatile.Write(ref _count, id);
            return true;
        }
    }

    /// <summary>The id of a known name; false when it was never interned.</summary>
    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);

    /// <summary>The name of an id; null when unknown.</summary>
    public string? NameOf(int id) => (uint)id <= (uint)Count && id > 0 ? _names[id] : null;
}

/// <summary>
/// The instruments the edge knows: symbol → dense id, with each instrument's price and quantity scales.
/// Threading as <see cref="NameTable"/>.
/// </summary>
public sealed class InstrumentDirectory
{
    private readonly NameTable _symbols;
    private readonly InstrumentSpec?[] _specs;

    /// <summary>Creates a directory for up to <paramref name="capacity"/> instruments.</summary>
    public InstrumentDirectory(int capacity)
    {
        _symbols = new NameTable(capacity);
        _specs = new InstrumentSpec?[capacity + 1];
    }

    /// <summary>Instruments known.</summary>
    public int Count => _symbols.Count;

    /// <summary>Instruments it can hold.</summary>
    public int Capacity => _symbols.Capacity;

    /// <summary>
    /// Adds an instrument (or returns the existing one when the symbol is known with the same scales).
    /// Throws when the symbol is known with other scales, or the directory is full.
    /// </summary>
    public InstrumentSpec Add(string symbol, int priceScale, int quantityScale)
    {
        if (!TryAdd(symbol, priceScale, quantityScale, out InstrumentSpec spec, out string? problem))
        {
            ThrowHelper.ThrowInvalidOperation($"cannot add instrument '{symbol}': {problem}");
        }

        return spec;
    }

    /// <summary>Like <see cref="Add"/>, but answers false (with the reason) instead of throwing.</summary>
    public bool TryAdd(string symbol, int priceScale, int quantityScale, out InstrumentSpec spec, out string? problem)
    {
        spec = null!;
        problem = (uint)priceScale > 9 || (uint)quantityScale > 9 ? "price and quantity scales must be in 0..9" : null;
        if (problem is null && !_symbols.TryIntern(symbol, out int id))
        {
            problem = string.IsNullOrEmpty(symbol) ? "empty symbol" : "instrument directory full";
        }

        if (problem is not null)
        {
            return false;
        }

        _symbols.TryGetId(symbol, out int known);
        var created = new InstrumentSpec(known, symbol, priceScale, quantityScale);
        InstrumentSpec? existing = Interlocked.CompareExchange(ref _specs[known], created, null);
        if (existing is not null && existing != created)
        {
            problem = $"instrument '{symbol}' is already known with price scale {existing.PriceScale}, quantity scale {existing.QuantityScale}";
            return false;
        }

        spec = existing ?? created;
        return true;
    }

    /// <summary>The instrument with this symbol.</summary>
    public bool TryGet(string symbol, out InstrumentSpec spec)
    {
        spec = null!;
        if (!_symbols.TryGetId(symbol, out int id) || Volatile.Read(ref _specs[id]) is not { } s)
        {
            return false;
        }

        spec = s;
        return true;
    }

    /// <summary>The instrument with this id, or null.</summary>
    public InstrumentSpec? Get(int id) => (uint)id < (uint)_specs.Length ? Volatile.Read(ref _specs[id]) : null;
}
