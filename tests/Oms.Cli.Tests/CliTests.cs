using System.Text.Json;
using Oms.Journal;

namespace Oms.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Journal() => Path.Combine(_dir, "demo.journal");

    private JsonElement Demo(string duration = "1s")
    {
        OmsProcess.Result demo = OmsProcess.Run("demo", "--duration", duration, "--seed", "3", "--journal", Journal(), "--json");
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        return JsonDocument.Parse(demo.Stdout).RootElement;
    }

    [Fact]
    public void DemoJson_ThenReplayJson_SameStateHash_StdoutIsOnlyJson()
    {
        JsonElement demo = Demo("2s");
        Assert.Equal(Journal(), demo.GetProperty("journal").GetString());
        // The summary the issue names: journal, stateHash, orders, fills, positions; and a run that traded. The demo
        // runs on wall-clock time, so how much it trades depends on the machine's load: these floors only say it did.
        Assert.True(demo.GetProperty("orders").GetProperty("submitted").GetInt64() > 10, demo.ToString());
        Assert.True(demo.GetProperty("fills").GetProperty("count").GetInt64() > 0, demo.ToString());
        Assert.Equal(4, demo.GetProperty("positions").GetArrayLength());
        Assert.Equal(0, demo.GetProperty("missedEvents").GetInt64());

        OmsProcess.Result replay = OmsProcess.Run("replay", Journal(), "--json");
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("", replay.Stderr);
        JsonElement doc = JsonDocument.Parse(replay.Stdout).RootElement; // stdout holds one JSON document and nothing else
        JsonElement stats = doc.GetProperty("stats");
        Assert.Equal(demo.GetProperty("stateHash").GetString(), stats.GetProperty("stateHash").GetString());
        Assert.Equal(demo.GetProperty("messages").GetInt64(), stats.GetProperty("messages").GetInt64());
        Assert.Equal(demo.GetProperty("orders").GetProperty("total").GetInt64(), doc.GetProperty("orders").GetArrayLength());
        JsonElement order = doc.GetProperty("orders")[0];
        Assert.Contains(order.GetProperty("side").GetString(), new[] { "Buy", "Sell" });
        Assert.Equal(JsonValueKind.Number, order.GetProperty("cumQty").ValueKind);
        Assert.Contains(order.GetProperty("ordStatus").GetString(), new[] { "Filled", "Canceled", "PartiallyFilled", "New", "Rejected", "Expired" });
    }

    [Fact]
    public void ReplayText_PrintsTablesAndStateHash()
    {
        JsonElement demo = Demo();
        OmsProcess.Result replay = OmsProcess.Run("replay", Journal());
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("orders", replay.Stdout);
        Assert.Contains("positions", replay.Stdout);
        Assert.Contains(demo.GetProperty("stateHash").GetString()!, replay.Stdout);
    }

    [Fact]
    public void Verify_GoodJournal_Exit0()
    {
        Demo();
        OmsProcess.Result verify = OmsProcess.Run("verify", Journal());
        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("ok:", verify.Stdout);
    }

    [Fact]
    public void Verify_DamagedRecord_Exit65_NamesTheRecord()
    {
        Demo();
        using (var f = new FileStream(Journal(), FileMode.Open))
        {
            f.Position = JournalFormat.HeaderSize + (10L * JournalFormat.RecordSize) + 50;
            f.WriteByte(0xFF);
            f.WriteByte(0x00);
        }

        OmsProcess.Result verify = OmsProcess.Run("verify", Journal());
        Assert.Equal(65, verify.ExitCode);
        Assert.Contains("record 10", verify.Stderr);
        Assert.Single(verify.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Replay_TornJournal_Exit65_GoodRecordsStillApplied()
    {
        JsonElement demo = Demo();
        using (var f = new FileStream(Journal(), FileMode.Open))
        {
            f.SetLength(f.Length - 7);
        }

        OmsProcess.Result replay = OmsProcess.Run("replay", Journal(), "--json");
        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("torn tail", replay.Stderr);
        JsonElement stats = JsonDocument.Parse(replay.Stdout).RootElement.GetProperty("stats");
        Assert.Equal(demo.GetProperty("messages").GetInt64() - 1, stats.GetProperty("messages").GetInt64());
    }

    [Fact]
    public void Replay_MissingFile_Exit66_OneLineOnStderr()
    {
        OmsProcess.Result replay = OmsProcess.Run("replay", Path.Combine(_dir, "nope.journal"));
        Assert.Equal(66, replay.ExitCode);
        Assert.Contains("no such file", replay.Stderr);
        Assert.Single(replay.Stderr.Trim().Split('\n'));
        Assert.Equal("", replay.Stdout);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("replay", "x.journal", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("demo", "--duration", "0s")]
    [InlineData("demo", "--duration", "soon")]
    public void BadUsage_Exit64(params string[] args)
    {
        OmsProcess.Result result = OmsProcess.Run(args);
        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("oms:", result.Stderr);
    }

    [Fact]
    public void History_ReplacedOrCanceledOrder_ShowsEveryTransitionWithItsCause()
    {
        Demo();
        JsonElement orders = JsonDocument.Parse(OmsProcess.Run("replay", Journal(), "--json").Stdout).RootElement.GetProperty("orders");
        JsonElement chained = orders.EnumerateArray().First(o => o.GetProperty("clOrdIdChain").GetArrayLength() > 1);
        string last = chained.GetProperty("clOrdIdChain")[chained.GetProperty("clOrdIdChain").GetArrayLength() - 1].GetString()!;

        OmsProcess.Result history = OmsProcess.Run("history", Journal(), "--order", last);
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("Submitted", history.Stdout);
        Assert.Contains("NewOrder", history.Stdout);
        Assert.Contains(chained.GetProperty("ordStatus").GetString()!, history.Stdout);

        OmsProcess.Result missing = OmsProcess.Run("history", Journal(), "--order", "NO-SUCH-ORDER");
        Assert.Equal(65, missing.ExitCode);
        Assert.Contains("no order", missing.Stderr);
    }
}
