using System.Text.Json;
using Oms.Domain;

namespace Oms.Journal;

/// <summary>
/// The names directory that travels with a journal: the edge's interning tables (accounts, instruments with
/// their symbol and price and quantity scales, venues, strategies), so a replay of the journal, which holds
/// only dense ids and raw fixed-point values, can print names and decimal prices and quantities.
/// </summary>
/// <remarks>
/// <para>
/// The file sits beside the journal (<see cref="PathFor"/>: <c>X.journal.names</c>) and is UTF-8 JSON:
/// <code>
/// { "format": "oms-journal-names", "version": 1,
///   "accounts":    [ { "id": 1, "name": "ACC-1" } ],
///   "instruments": [ { "id": 1, "symbol": "AAPL", "priceScale": 2, "quantityScale": 0 } ],
///   "venues":      [ { "id": 1, "name": "LOOPBACK" } ],
///   "strategies":  [ { "id": 1, "name": "strategy-1" } ] }
/// </code>
/// Each list holds ids 1..n in order, as <see cref="NameTable"/> assigns them; the ids are written out so a
/// person can read the file and so a damaged or hand-edited one is caught. Unknown members are ignored.
/// docs/decisions/0004-journal-names.md says why this format.
/// </para>
/// <para>
/// Whoever owns the edge creates the tables, interns through them (directly, or through a FIX translator
/// sharing them) and calls <see cref="Save"/> when the journal is created and <see cref="SaveIfChanged"/>
/// whenever a name may have been interned since (after an intern, or periodically: it costs four counter reads
/// when nothing changed). Each save writes a temporary file, fsyncs it and renames it over the old one, so a
/// crash leaves the previous complete file or the new one, never a torn one. A restarting host
/// <see cref="Load"/>s the file and keeps interning through the loaded tables, so every id keeps its name.
/// </para>
/// <para>
/// Threading: the tables are thread-safe (see <see cref="NameTable"/>); <see cref="Save"/> and
/// <see cref="SaveIfChanged"/> may be called from any thread and are serialised by an internal lock. They do
/// file I/O: never call them on the engine thread.
/// </para>
/// </remarks>
public sealed class JournalNames
{
    /// <summary>The suffix appended to a journal's path to name its names file.</summary>
    public const string FileSuffix = ".names";

    /// <summary>The <c>format</c> member every names file carries.</summary>
    public const string FormatName = "oms-journal-names";

    /// <summary>The version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Names each table holds unless told otherwise.</summary>
    public const int DefaultCapacity = 65_536;

    private readonly Lock _gate = new();
    private (int Accounts, int Instruments, int Venues, int Strategies) _saved = (-1, -1, -1, -1);

    /// <summary>Creates a directory with four empty tables of <paramref name="capacity"/> names each.</summary>
    public JournalNames(int capacity = DefaultCapacity)
        : this(new NameTable(capacity), new InstrumentDirectory(capacity), new NameTable(capacity), new NameTable(capacity))
    {
    }

    /// <summary>Creates a directory over tables the edge already uses (they are shared, not copied).</summary>
    public JournalNames(NameTable accounts, InstrumentDirectory instruments, NameTable venues, NameTable strategies)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(strategies);
        Accounts = accounts;
        Instruments = instruments;
        Venues = venues;
        Strategies = strategies;
    }

    /// <summary>Account names by account id (<c>OmsMessage.AccountId</c>).</summary>
    public NameTable Accounts { get; }

    /// <summary>Instruments (symbol, price scale, quantity scale) by instrument id (<c>OmsMessage.InstrumentId</c>).</summary>
    public InstrumentDirectory Instruments { get; }

    /// <summary>Venue names by venue id (<c>OmsMessage.VenueId</c>).</summary>
    public NameTable Venues { get; }

    /// <summary>Strategy names by strategy id (<c>OmsMessage.StrategyId</c>).</summary>
    public NameTable Strategies { get; }

    /// <summary>The names file of the journal at <paramref name="journalPath"/>: the same path with <see cref="FileSuffix"/> appended.</summary>
    public static string PathFor(string journalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        return journalPath + FileSuffix;
    }

    /// <summary>
    /// Writes every name interned so far to <paramref name="path"/> atomically (temporary file, fsync, rename).
    /// An instrument whose <see cref="InstrumentDirectory.Add"/> is still in flight on another thread is left for
    /// the next save.
    /// </summary>
    /// <exception cref="IOException">The file could not be written; the previous file, if any, is untouched.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (_gate)
        {
            SaveLocked(path);
        }
    }

    /// <summary>
    /// Saves to <paramref name="path"/> when a table holds a name the last <see cref="Save"/> (or <see cref="Load"/>)
    /// did not; true when it wrote. Cheap when nothing changed. Use one path per instance.
    /// </summary>
    /// <exception cref="IOException">The file could not be written; the previous file, if any, is untouched.</exception>
    public bool SaveIfChanged(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (_gate)
        {
            if (_saved == (Accounts.Count, Instruments.Count, Venues.Count, Strategies.Count))
            {
                return false;
            }

            SaveLocked(path);
            return true;
        }
    }

    private void SaveLocked(string path)
    {
        JournalNamesDocument document = Snapshot(out int instruments);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(document, JournalNamesJsonContext.Default.JournalNamesDocument);
        string temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(json);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        _saved = (document.Accounts.Length, instruments, document.Venues.Length, document.Strategies.Length);
    }

    /// <summary>
    /// Reads a names file. Each table holds at least <paramref name="capacity"/> names (more when the file
    /// does), so a restarting edge can keep interning through them with every id unchanged.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a names file of this version, is truncated or garbled, or its tables are inconsistent (ids not
    /// 1..n in order, an empty or repeated name, a scale outside 0..9). The message names the file and the problem.
    /// </exception>
    public static JournalNames Load(string path, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ReadOnlySpan<byte> bytes = File.ReadAllBytes(path);
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // a byte-order mark an editor may add
        }

        JournalNamesDocument document;
        try
        {
            JournalNamesHeader? header = JsonSerializer.Deserialize(bytes, JournalNamesJsonContext.Default.JournalNamesHeader);
            if (header is null || header.Format != FormatName)
            {
                throw new InvalidDataException($"{path}: not a names file (format is not \"{FormatName}\")");
            }

            if (header.Version != Version)
            {
                throw new InvalidDataException($"{path}: names file version {header.Version}; this build reads version {Version}");
            }

            document = JsonSerializer.Deserialize(bytes, JournalNamesJsonContext.Default.JournalNamesDocument)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid names file ({e.Message})", e);
        }

        try
        {
            return FromDocument(document, capacity);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private JournalNamesDocument Snapshot(out int instruments)
    {
        var specs = new List<InstrumentEntry>(Instruments.Count);
        for (int id = 1; id <= Instruments.Count && Instruments.Get(id) is { } spec; id++)
        {
            specs.Add(new InstrumentEntry(spec.Id, spec.Symbol, spec.PriceScale, spec.QuantityScale));
        }

        instruments = specs.Count;
        return new JournalNamesDocument(FormatName, Version, Entries(Accounts), [.. specs], Entries(Venues), Entries(Strategies));
    }

    private static NameEntry[] Entries(NameTable table)
    {
        int count = table.Count;
        var entries = new NameEntry[count];
        for (int id = 1; id <= count; id++)
        {
            entries[id - 1] = new NameEntry(id, table.NameOf(id)!);
        }

        return entries;
    }

    private static JournalNames FromDocument(JournalNamesDocument d, int capacity)
    {
        var instruments = new InstrumentDirectory(Math.Max(capacity, d.Instruments.Length));
        for (int i = 0; i < d.Instruments.Length; i++)
        {
            InstrumentEntry e = d.Instruments[i] ?? throw new InvalidDataException($"instruments[{i}]: null");
            ExpectId("instruments", i, e.Id);
            if (!instruments.TryAdd(e.Symbol, e.PriceScale, e.QuantityScale, out InstrumentSpec spec, out string? problem) || spec.Id != e.Id)
            {
                throw new InvalidDataException($"instruments[{i}] ('{e.Symbol}'): {problem ?? "symbol listed twice"}");
            }
        }

        var names = new JournalNames(Table("accounts", d.Accounts, capacity), instruments, Table("venues", d.Venues, capacity),
            Table("strategies", d.Strategies, capacity));
        names._saved = (d.Accounts.Length, d.Instruments.Length, d.Venues.Length, d.Strategies.Length);
        return names;
    }

    private static NameTable Table(string what, NameEntry[] entries, int capacity)
    {
        var table = new NameTable(Math.Max(capacity, entries.Length));
        for (int i = 0; i < entries.Length; i++)
        {
            // The JSON reader checks nullability of properties, not of array elements.
            if (entries[i] is null)
            {
                throw new InvalidDataException($"{what}[{i}]: null");
            }

            ExpectId(what, i, entries[i].Id);
            if (!table.TryIntern(entries[i].Name, out int id) || id != entries[i].Id)
            {
                string problem = string.IsNullOrEmpty(entries[i].Name) ? "empty name" : $"'{entries[i].Name}' listed twice";
                throw new InvalidDataException($"{what}[{i}]: {problem}");
            }
        }

        return table;
    }

    private static void ExpectId(string what, int index, int id)
    {
        if (id != index + 1)
        {
            throw new InvalidDataException($"{what}[{index}]: id {id}, expected {index + 1} (ids run 1..n in order)");
        }
    }
}
