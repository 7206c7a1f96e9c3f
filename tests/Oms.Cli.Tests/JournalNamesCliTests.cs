using System.Text.Json;
using System.Text.RegularExpressions;
using Oms.Journal;

namespace Oms.Cli.Tests;

/// <summary>The names file beside a journal: written by the demo and by generate, used by replay and history.</summary>
public sealed class JournalNamesCliTests : IDisposable
{
    private static readonly string[] s_demoSymbols = ["AAPL", "MSFT"];
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Journal() => Path.Combine(_dir, "demo.journal");

    private string DemoStateHash()
    {
        OmsProcess.Result demo = OmsProcess.Run("demo", "--duration", "1s", "--seed", "5", "--journal", Journal(), "--json");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        Assert.True(File.Exists(JournalNames.PathFor(Journal())));
        return JsonDocument.Parse(demo.Stdout).RootElement.GetProperty("stateHash").GetString()!;
    }

    private static JsonElement Json(OmsProcess.Result r) => JsonDocument.Parse(r.Stdout).RootElement;

    [Fact]
    public void DemoJournal_ReplayJson_NamesAndDecimalPrices_WithoutNamesFile_NumbersAndRawValues()
    {
        string hash = DemoStateHash();
        OmsProcess.Result named = OmsProcess.Run("replay", Journal(), "--json");
        Assert.Equal((0, ""), (named.ExitCode, named.Stderr));
        JsonElement doc = Json(named);
        Assert.Equal(hash, doc.GetProperty("stats").GetProperty("stateHash").GetString());
        JsonElement[] orders = [.. doc.GetProperty("orders").EnumerateArray()];
        Assert.All(orders, o => Assert.Contains(o.GetProperty("symbol").GetString(), s_demoSymbols));
        Assert.All(orders, o => Assert.Matches("^ACC-[1-4]$", o.GetProperty("account").GetString()));
        // The venue's markets start at AAPL 187.25 and MSFT 412.50 and walk a few cents a millisecond at most:
        // every fill of a one-second run averages within 5% of its start.
        JsonElement[] filled = [.. orders.Where(o => o.GetProperty("cumQty").GetDecimal() > 0)];
        Assert.NotEmpty(filled);
        Assert.All(filled, o =>
        {
            decimal mid = o.GetProperty("symbol").GetString() == "AAPL" ? 187.25m : 412.50m;
            Assert.InRange(o.GetProperty("avgPx").GetDecimal(), mid * 0.95m, mid * 1.05m);
        });
        Assert.Contains(filled, o => o.GetProperty("avgPx").GetRawText().Contains('.'));
        Assert.All(doc.GetProperty("positions").EnumerateArray(), p => Assert.Contains(p.GetProperty("symbol").GetString(), s_demoSymbols));

        File.Delete(JournalNames.PathFor(Journal()));
        OmsProcess.Result bare = OmsProcess.Run("replay", Journal(), "--json");
        Assert.Equal(0, bare.ExitCode);
        Assert.Single(bare.Stderr.Trim().Split('\n'));
        Assert.Contains("no names file", bare.Stderr);
        JsonElement[] raw = [.. Json(bare).GetProperty("orders").EnumerateArray()];
        Assert.Equal(hash, Json(bare).GetProperty("stats").GetProperty("stateHash").GetString());
        for (int i = 0; i < orders.Length; i++)
        {
            Assert.StartsWith("#", raw[i].GetProperty("symbol").GetString());
            Assert.Equal(orders[i].GetProperty("avgPx").GetDecimal() * 100, raw[i].GetProperty("avgPx").GetDecimal());
            Assert.Equal(orders[i].GetProperty("cumQty").GetDecimal(), raw[i].GetProperty("cumQty").GetDecimal()); // quantity scale 0
        }
    }

    [Fact]
    public void DemoJournal_ReplayText_ShowsSymbolsAccountsAndDecimalPrices()
    {
        DemoStateHash();
        // The demo's threads race (fills vs cancels), so which orders fill varies: take one from the JSON.
        JsonElement order = Json(OmsProcess.Run("replay", Journal(), "--json")).GetProperty("orders").EnumerateArray()
            .First(o => o.GetProperty("avgPx").GetRawText().Contains('.'));
        OmsProcess.Result replay = OmsProcess.Run("replay", Journal());
        Assert.Equal((0, ""), (replay.ExitCode, replay.Stderr));
        string row = replay.Stdout.Split('\n').Single(l => l.StartsWith($"│ {order.GetProperty("clOrdId").GetString()} ", StringComparison.Ordinal));
        Assert.Contains($"│ {order.GetProperty("account").GetString()} ", row);
        Assert.Contains($"│ {order.GetProperty("symbol").GetString()} ", row);
        Assert.Matches($@"│ {Regex.Escape(order.GetProperty("avgPx").GetRawText())} +│$", row.TrimEnd());
        Assert.DoesNotContain("#1", replay.Stdout);
    }

    [Fact]
    public void DamagedNamesFile_ReplayAndHistoryStillPrint_WithNumbers_OneStderrLine_Exit65()
    {
        DemoStateHash();
        string names = JournalNames.PathFor(Journal());
        byte[] whole = File.ReadAllBytes(names);
        File.WriteAllBytes(names, whole[..(whole.Length / 2)]); // torn

        OmsProcess.Result replay = OmsProcess.Run("replay", Journal(), "--json");
        Assert.Equal(65, replay.ExitCode);
        Assert.Single(replay.Stderr.Trim().Split('\n'));
        Assert.Contains($"{names}: not a valid names file", replay.Stderr);
        Assert.StartsWith("#", Json(replay).GetProperty("orders")[0].GetProperty("symbol").GetString());

        File.WriteAllText(names, "garbage");
        OmsProcess.Result history = OmsProcess.Run("history", Journal(), "--order", "S1-1");
        Assert.Equal(65, history.ExitCode);
        Assert.Contains("symbol #", history.Stdout);
        Assert.Contains($"{names}: not a valid names file", history.Stderr);
    }

    [Fact]
    public void DemoJournal_History_NamesTheOrder_AndPrintsDecimalPrices()
    {
        DemoStateHash();
        JsonElement order = Json(OmsProcess.Run("replay", Journal(), "--json")).GetProperty("orders").EnumerateArray()
            .First(o => o.GetProperty("cumQty").GetDecimal() > 0);

        OmsProcess.Result history = OmsProcess.Run("history", Journal(), "--order", order.GetProperty("clOrdId").GetString()!);
        Assert.Equal((0, ""), (history.ExitCode, history.Stderr));
        Assert.Contains($"account {order.GetProperty("account").GetString()} · symbol {order.GetProperty("symbol").GetString()}", history.Stdout);
        Assert.Contains("venue SIM", history.Stdout);
        Assert.Contains($"│ {order.GetProperty("avgPx").GetRawText()} ", history.Stdout);
    }

    [Fact]
    public void Generate_Journal_WritesNames_ReplayMatchesTheFixLogOfTheSameSession()
    {
        string journal = Path.Combine(_dir, "g.journal");
        string fixlog = Path.Combine(_dir, "g.fixlog");
        Assert.Equal(0, OmsProcess.Run("generate", journal, "--messages", "600", "--seed", "2").ExitCode);
        Assert.Equal(0, OmsProcess.Run("generate", fixlog, "--messages", "600", "--seed", "2", "--format", "fix").ExitCode);

        OmsProcess.Result fromJournal = OmsProcess.Run("replay", journal, "--json");
        Assert.Equal((0, ""), (fromJournal.ExitCode, fromJournal.Stderr));
        string Positions(OmsProcess.Result r) => string.Join("\n", Json(r).GetProperty("positions").EnumerateArray()
            .Select(p => p.GetRawText()).Order());
        Assert.Equal(Positions(OmsProcess.Run("replay", fixlog, "--json")), Positions(fromJournal));
    }
}
