using Oms.Domain;
using Oms.Journal;

namespace Oms.Cli;

/// <summary>
/// What the ids in the demo's journal stand for, written beside it (<see cref="JournalNames"/>) so that
/// <c>oms replay</c> and <c>oms history</c> print names and decimal prices: strategy n trades for account
/// <c>ACC-n</c>, instruments 1..3 are quoted at <see cref="DemoSummary.PriceScale"/> in whole units, and the
/// loopback venue is venue 1.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] s_symbols = ["AAPL", "MSFT", "ESZ6"];

    public static JournalNames Create(int strategies, int instruments)
    {
        var names = new JournalNames(new NameTable(strategies), new InstrumentDirectory(instruments), new NameTable(1), new NameTable(strategies));
        for (int s = 1; s <= strategies; s++)
        {
            Intern(names.Accounts, $"ACC-{s}", s);
            Intern(names.Strategies, $"strategy-{s}", s);
        }

        for (int i = 1; i <= instruments; i++)
        {
            names.Instruments.Add(i <= s_symbols.Length ? s_symbols[i - 1] : $"SYM{i}", DemoSummary.PriceScale, quantityScale: 0);
        }

        Intern(names.Venues, "LOOPBACK", 1);
        return names;
    }

    /// <summary>Interns in id order; the demo's ids are fixed, so a different id would mislabel the journal.</summary>
    private static void Intern(NameTable table, string name, int expected)
    {
        if (!table.TryIntern(name, out int id) || id != expected)
        {
            throw new InvalidOperationException($"demo name '{name}' got id {id}, expected {expected}");
        }
    }
}
