using System.Text;
using System.Text.Json;

namespace Oms.Cli.Tests;

/// <summary>`oms replay` on FIX logs as QuickFIX writes them: session messages between the orders and reports.</summary>
public sealed class FixReplayTests : IDisposable
{
    private const string Header = "49=OMS|56=VENUE|34=1|52=20261125-13:30:00.000|";
    private const string NewOrder = "35=D|" + Header + "11=ORD-1|1=ACC1|55=AAPL|54=1|38=100|40=2|44=187.25|60=20261125-13:30:00.100|";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    /// <summary>A '|'-separated line with BodyLength and CheckSum computed on its SOH form.</summary>
    private static string Line(string fields)
    {
        string body = fields.Replace("|", "\u0001");
        string s = $"8=FIX.4.4\u00019={Encoding.ASCII.GetByteCount(body)}\u0001{body}";
        int sum = Encoding.ASCII.GetBytes(s).Sum(b => (int)b) % 256;
        return (s + $"10={sum:D3}\u0001").Replace("\u0001", "|");
    }

    private OmsProcess.Result Replay(string[] lines, params string[] options)
    {
        File.WriteAllLines(_path, lines);
        return OmsProcess.Run(["replay", _path, .. options]);
    }

    [Fact]
    public void Replay_QuickFixLogWithLogonAndHeartbeat_IsNotMalformed()
    {
        string[] lines =
        [
            "20261125-13:30:00.000 : " + Line("35=A|" + Header + "98=0|108=30|"),
            "20261125-13:30:00.100 : " + Line(NewOrder),
            "20261125-13:30:30.000 : " + Line("35=0|" + Header),
        ];

        OmsProcess.Result replay = Replay(lines, "--json");
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        JsonElement doc = JsonDocument.Parse(replay.Stdout).RootElement;
        Assert.Equal(0, doc.GetProperty("anomalies").GetArrayLength());
        JsonElement stats = doc.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("messages").GetInt64());
        Assert.Equal(2, stats.GetProperty("sessionMessages").GetInt64());
        Assert.Equal(0, stats.GetProperty("badRecords").GetInt64());
    }

    [Fact]
    public void Replay_EverySessionMessageType_SkippedAndCountedInTheSummary()
    {
        string[] lines =
        [
            Line("35=A|" + Header + "98=0|108=30|"),
            Line("35=1|" + Header + "112=TEST-1|"),
            Line("35=0|" + Header + "112=TEST-1|"),
            Line("35=2|" + Header + "7=1|16=0|"),
            Line("35=4|" + Header + "43=Y|123=Y|36=5|"),
            Line("35=3|" + Header + "45=4|58=bad field|"),
            Line(NewOrder),
            Line("35=5|" + Header + "58=end of day|"),
        ];

        OmsProcess.Result replay = Replay(lines);
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("session messages skipped 7", replay.Stdout);
        Assert.Equal("", replay.Stderr);
    }

    [Fact]
    public void Replay_ApplicationMessageTypeTheOmsDoesNotRead_StillMalformed()
    {
        // A BusinessMessageReject may refuse an order the replay then thinks live: it is reported, not skipped.
        string[] lines = [Line(NewOrder), Line("35=j|" + Header + "45=1|372=D|380=5|")];

        OmsProcess.Result replay = Replay(lines, "--json");
        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("the first at line 2", replay.Stderr);
        JsonElement anomaly = JsonDocument.Parse(replay.Stdout).RootElement.GetProperty("anomalies")[0];
        Assert.Equal("MalformedMessage", anomaly.GetProperty("kind").GetString());
        Assert.Contains("UnsupportedMsgType(35)", anomaly.GetProperty("detail").GetString());
    }

    [Fact]
    public void Replay_IndentedLine_ParsedLikeAnyOther()
    {
        string[] lines = ["  " + Line(NewOrder), "\t20261125-13:30:30.000 : " + Line("35=0|" + Header), "   # a comment"];

        OmsProcess.Result replay = Replay(lines, "--json", "--format", "fix");
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        JsonElement stats = JsonDocument.Parse(replay.Stdout).RootElement.GetProperty("stats");
        Assert.Equal(1, stats.GetProperty("messages").GetInt64());
        Assert.Equal(1, stats.GetProperty("sessionMessages").GetInt64());
    }
}
