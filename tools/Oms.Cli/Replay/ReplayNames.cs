using Oms.Domain;
using Oms.Journal;

namespace Oms.Cli.Replay;

/// <summary>
/// Names for what the engine only knows as numbers: instruments (symbol and scales), accounts, venues, strategies,
/// and the strings behind id tokens. A FIX log supplies them as it is read; a journal's come from its names file
/// (<see cref="JournalNames"/>). What is unknown prints as <c>#n</c>, at scale 0 (the raw integer), and ids as
/// tokens.
/// </summary>
internal sealed class ReplayNames
{
    /// <summary>What a journal replay prints when its names file is missing or unreadable.</summary>
    public const string Fallback = "accounts and symbols print as #n, prices and quantities as raw integers";

    public Func<int, InstrumentSpec?> Instrument { get; init; } = _ => null;
    public Func<int, string?> Account { get; init; } = _ => null;
    public Func<int, string?> Venue { get; init; } = _ => null;
    public Func<int, string?> Strategy { get; init; } = _ => null;
    public Func<IdToken, string?> Id { get; init; } = _ => null;

    public string IdText(IdToken id) => id.IsNone ? "" : Id(id) ?? id.ToString();
    public string SymbolText(int instrument) => Instrument(instrument)?.Symbol ?? $"#{instrument}";
    public string AccountText(int account) => Account(account) ?? $"#{account}";
    public string VenueText(int venue) => Venue(venue) ?? $"#{venue}";
    public string StrategyText(int strategy) => Strategy(strategy) ?? $"#{strategy}";
    public int PriceScale(int instrument) => Instrument(instrument)?.PriceScale ?? 0;
    public int QuantityScale(int instrument) => Instrument(instrument)?.QuantityScale ?? 0;

    /// <summary>The names a journal's edge wrote beside it.</summary>
    public static ReplayNames From(JournalNames names) => new()
    {
        Instrument = names.Instruments.Get,
        Account = names.Accounts.NameOf,
        Venue = names.Venues.NameOf,
        Strategy = names.Strategies.NameOf,
    };

    /// <summary>
    /// The names for a replay of the journal at <paramref name="journalPath"/>: from its names file when there is
    /// one; otherwise, or when the file is damaged, none, with a one-line <paramref name="note"/> saying why.
    /// <paramref name="damaged"/> is true when a names file exists but cannot be used (bad data: exit 65).
    /// </summary>
    public static ReplayNames ForJournal(string journalPath, out string? note, out bool damaged)
    {
        string path = JournalNames.PathFor(journalPath);
        note = null;
        damaged = false;
        if (!File.Exists(path))
        {
            note = $"{path}: no names file; {Fallback}";
            return new ReplayNames();
        }

        try
        {
            return From(JournalNames.Load(path));
        }
        catch (InvalidDataException e)
        {
            note = $"{e.Message}; {Fallback}";
            damaged = true;
            return new ReplayNames();
        }
    }
}
