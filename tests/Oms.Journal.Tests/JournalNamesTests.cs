using System.Text;
using Oms.Domain;

namespace Oms.Journal.Tests;

public sealed class JournalNamesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static JournalNames Sample()
    {
        var names = new JournalNames(16);
        names.Accounts.TryIntern("ACC-1", out _);
        names.Accounts.TryIntern("Kontø \"2\"", out _); // quotes and non-ASCII survive the round trip
        names.Instruments.Add("AAPL", 2, 0);
        names.Instruments.Add("BTC-USD", 2, 8);
        names.Venues.TryIntern("XNAS", out _);
        names.Strategies.TryIntern("alpha", out _);
        names.Strategies.TryIntern("beta", out _);
        return names;
    }

    private string SavedSample()
    {
        string path = PathOf("s.journal.names");
        Sample().Save(path);
        return path;
    }

    [Fact]
    public void PathFor_AppendsTheSuffix() =>
        Assert.Equal("/x/d.journal.names", JournalNames.PathFor("/x/d.journal"));

    [Fact]
    public void SaveLoad_RoundTrip_SameIdsNamesAndScales()
    {
        JournalNames loaded = JournalNames.Load(SavedSample());

        Assert.Equal((2, 2, 1, 2), (loaded.Accounts.Count, loaded.Instruments.Count, loaded.Venues.Count, loaded.Strategies.Count));
        Assert.Equal(("ACC-1", "Kontø \"2\""), (loaded.Accounts.NameOf(1), loaded.Accounts.NameOf(2)));
        Assert.Equal(new InstrumentSpec(1, "AAPL", 2, 0), loaded.Instruments.Get(1));
        Assert.Equal(new InstrumentSpec(2, "BTC-USD", 2, 8), loaded.Instruments.Get(2));
        Assert.Equal("XNAS", loaded.Venues.NameOf(1));
        Assert.Equal(("alpha", "beta"), (loaded.Strategies.NameOf(1), loaded.Strategies.NameOf(2)));
        Assert.False(File.Exists(PathOf("s.journal.names.tmp")));
    }

    [Fact]
    public void Load_ThenIntern_ContinuesTheIds_AndSaveIfChangedWritesOnlyThen()
    {
        string path = SavedSample();
        JournalNames restarted = JournalNames.Load(path, capacity: 4);
        Assert.False(restarted.SaveIfChanged(path)); // what was loaded is what is on disk

        Assert.True(restarted.Accounts.TryIntern("ACC-3", out int id));
        Assert.Equal(3, id);
        restarted.Instruments.Add("ESZ6", 2, 0);
        Assert.True(restarted.SaveIfChanged(path));
        Assert.False(restarted.SaveIfChanged(path));

        JournalNames again = JournalNames.Load(path);
        Assert.Equal("ACC-3", again.Accounts.NameOf(3));
        Assert.Equal(new InstrumentSpec(3, "ESZ6", 2, 0), again.Instruments.Get(3));
    }

    [Fact]
    public void SaveIfChanged_NameInternedMidSession_RewritesTheFile_OverAStaleTempFile()
    {
        string path = PathOf("live.journal.names");
        File.WriteAllText(path + ".tmp", "left over by a crash during an earlier save");
        var names = new JournalNames(8);
        Assert.True(names.SaveIfChanged(path)); // the first call always writes, even with empty tables
        Assert.Equal(0, JournalNames.Load(path).Accounts.Count);

        names.Venues.TryIntern("XLON", out _);
        Assert.True(names.SaveIfChanged(path));
        Assert.Equal("XLON", JournalNames.Load(path).Venues.NameOf(1));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void SaveIfChanged_WhileOtherThreadsIntern_EverySavedFileLoads_AndTheLastHoldsEveryName()
    {
        string path = PathOf("busy.journal.names");
        var names = new JournalNames(4_096);
        Thread[] interners = [.. Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                names.Accounts.TryIntern($"T{t}-A{i}", out _);
                names.Instruments.Add($"T{t}-S{i}", t + 1, 0);
            }
        }))];
        foreach (Thread t in interners)
        {
            t.Start();
        }

        while (interners.Any(t => t.IsAlive))
        {
            if (names.SaveIfChanged(path))
            {
                JournalNames snapshot = JournalNames.Load(path); // a consistent prefix of each table
                Assert.True(snapshot.Accounts.Count <= names.Accounts.Count);
            }
        }

        names.SaveIfChanged(path);
        JournalNames last = JournalNames.Load(path);
        Assert.Equal((2_000, 2_000), (last.Accounts.Count, last.Instruments.Count));
        for (int id = 1; id <= 2_000; id++)
        {
            Assert.Equal(names.Instruments.Get(id), last.Instruments.Get(id));
            Assert.Equal(names.Accounts.NameOf(id), last.Accounts.NameOf(id));
        }
    }

    [Fact]
    public void Load_EveryTruncationOfAValidFile_IsInvalidData_NamingTheFile()
    {
        string path = SavedSample();
        byte[] whole = File.ReadAllBytes(path);
        string torn = PathOf("torn.journal.names");
        int json = whole.Length - 1; // the last byte is the newline after the closing brace
        for (int cut = 0; cut < json; cut++)
        {
            File.WriteAllBytes(torn, whole[..cut]);
            var e = Assert.Throws<InvalidDataException>(() => JournalNames.Load(torn));
            Assert.StartsWith(torn + ": ", e.Message);
        }
    }

    [Theory]
    [InlineData("\u0000\u00ffgarbage", "not a valid names file")]
    [InlineData("[1, 2]", "not a valid names file")]
    [InlineData("null", "not a names file")]
    [InlineData("{\"hello\": 1}", "not a names file")]
    [InlineData("{\"format\": \"oms-journal-names\", \"version\": 2}", "names file version 2; this build reads version 1")]
    [InlineData("{\"format\": \"oms-journal-names\", \"version\": 1, \"accounts\": []}", "missing required properties")]
    [InlineData("{\"format\": \"oms-journal-names\", \"version\": 1, \"accounts\": [null], \"instruments\": [], \"venues\": [], \"strategies\": []}", "accounts[0]: null")]
    [InlineData("{\"format\": \"oms-journal-names\", \"version\": 1, \"accounts\": [], \"instruments\": [null], \"venues\": [], \"strategies\": []}", "instruments[0]: null")]
    public void Load_NotANamesFile_IsInvalidData_WithTheReason(string content, string reason)
    {
        string path = PathOf("bad.journal.names");
        File.WriteAllText(path, content);
        var e = Assert.Throws<InvalidDataException>(() => JournalNames.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("\"id\": 2, \"name\": \"ACC-B\"", "\"id\": 3, \"name\": \"ACC-B\"", "accounts[1]: id 3, expected 2")]
    [InlineData("\"name\": \"ACC-B\"", "\"name\": \"ACC-A\"", "accounts[1]: 'ACC-A' listed twice")]
    [InlineData("\"name\": \"ACC-B\"", "\"name\": \"\"", "accounts[1]: empty name")]
    [InlineData("\"name\": \"ACC-B\"", "\"name\": null", "doesn't allow null")]
    [InlineData("\"priceScale\": 2", "\"priceScale\": 12", "instruments[0] ('AAPL'): price and quantity scales must be in 0..9")]
    [InlineData("\"symbol\": \"MSFT\"", "\"symbol\": \"AAPL\"", "instruments[1] ('AAPL'): symbol listed twice")]
    public void Load_InconsistentTables_IsInvalidData_NamingTheEntry(string from, string to, string reason)
    {
        const string Valid = """
            { "format": "oms-journal-names", "version": 1,
              "accounts": [ { "id": 1, "name": "ACC-A" }, { "id": 2, "name": "ACC-B" } ],
              "instruments": [ { "id": 1, "symbol": "AAPL", "priceScale": 2, "quantityScale": 0 },
                               { "id": 2, "symbol": "MSFT", "priceScale": 2, "quantityScale": 0 } ],
              "venues": [], "strategies": [], "comment": "unknown members are ignored" }
            """;
        string path = PathOf("edited.journal.names");
        File.WriteAllText(path, Valid);
        Assert.Equal(2, JournalNames.Load(path).Instruments.Count);

        Assert.Contains(from, Valid);
        File.WriteAllText(path, Valid.Replace(from, to));
        var e = Assert.Throws<InvalidDataException>(() => JournalNames.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Load_WithByteOrderMark_Loads()
    {
        string path = SavedSample();
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(path)]);
        Assert.Equal("AAPL", JournalNames.Load(path).Instruments.Get(1)!.Symbol);
    }

    [Fact]
    public void Load_MissingFile_FileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => JournalNames.Load(PathOf("none.journal.names")));
}
