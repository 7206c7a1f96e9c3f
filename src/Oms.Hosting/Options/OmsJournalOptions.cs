using Oms.Journal;

namespace Oms.Hosting;

/// <summary>The input journal of a hosted engine (configuration section <c>Oms:Journal</c>).</summary>
public sealed class OmsJournalOptions
{
    /// <summary>The journal file; null or empty for no journal. Its directory is created at start.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// What to do when <see cref="Path"/> already holds a journal: false (the default) refuses to start, since a
    /// fresh engine cannot continue another session's journal; true deletes it.
    /// </summary>
    public bool Overwrite { get; set; }

    /// <summary>When writes are forced to disk.</summary>
    [DefinedSetting]
    public JournalDurability Durability { get; set; } = JournalDurability.Batched;

    /// <summary>Most records written (and, when batched, fsynced) at once.</summary>
    [SettingRange(1, 65_536)]
    public int BatchRecords { get; set; } = 256;

    /// <summary>Slots of the engine → journal writer tap (a power of two); a full tap holds the engine back.</summary>
    [SettingRange(2, 1 << 24, PowerOfTwo = true)]
    public int TapCapacity { get; set; } = 65_536;

    /// <summary>True when a journal is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Path);

    internal JournalWriterOptions ToWriterOptions() => new()
    {
        Durability = Durability,
        BatchRecords = BatchRecords,
        TapCapacity = TapCapacity,
    };
}
