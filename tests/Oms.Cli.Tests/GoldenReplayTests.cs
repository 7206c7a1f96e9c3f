using System.Text.Json;
using System.Text.Json.Nodes;

namespace Oms.Cli.Tests;

/// <summary>
/// The sample capture's replay, compared with its golden output (docs/samples/session.replay.json; timing fields
/// left out). After a deliberate change, regenerate it with OMS_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class GoldenReplayTests
{
    internal static string Repo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Oms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void SampleSession_ReplayJson_MatchesGolden()
    {
        string samples = Path.Combine(Repo(), "docs", "samples");
        OmsProcess.Result replay = OmsProcess.Run("replay", Path.Combine(samples, "session.fixlog"), "--json");
        Assert.Equal(65, replay.ExitCode); // the capture holds one garbage line on purpose
        Assert.Contains("the first at line 19", replay.Stderr);

        JsonNode actual = JsonNode.Parse(replay.Stdout)!;
        JsonObject stats = actual["stats"]!.AsObject();
        stats.Remove("elapsedSeconds");
        stats.Remove("messagesPerSecond");
        string golden = Path.Combine(samples, "session.replay.json");
        if (Environment.GetEnvironmentVariable("OMS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(golden)), actual),
            $"replay output differs from {golden}:\n{actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
    }

    [Fact]
    public void SampleSession_EveryCaseTheCaptureHolds_IsInTheReplay()
    {
        string samples = Path.Combine(Repo(), "docs", "samples");
        JsonElement doc = JsonDocument.Parse(OmsProcess.Run("replay", Path.Combine(samples, "session.fixlog"), "--json").Stdout).RootElement;
        var orders = doc.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("clOrdIdChain")[0].GetString()!);
        Assert.Equal(("Filled", 100m, 190.47m), Summary(orders["O1"]));        // a partial fill, a duplicate, then the rest
        Assert.Equal(("Canceled", 50m, 409.5m), Summary(orders["O2"]));       // replaced (O2 > O2R), partly filled, canceled
        Assert.Equal("O2R", orders["O2"].GetProperty("clOrdId").GetString());
        Assert.Equal(("Rejected", 0m, 0m), Summary(orders["O3"]));
        Assert.Equal(("Filled", 100m, 190.6m), Summary(orders["O4"]));
        string[] kinds = doc.GetProperty("anomalies").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["DuplicateExecId", "MalformedMessage", "UnknownOrderReport"], kinds);
        Assert.Equal(1, doc.GetProperty("stats").GetProperty("duplicates").GetInt32());
    }

    private static (string, decimal, decimal) Summary(JsonElement o) =>
        (o.GetProperty("ordStatus").GetString()!, o.GetProperty("cumQty").GetDecimal(), o.GetProperty("avgPx").GetDecimal());
}
