using System.Text.Json;
using Oms.Latency.Latency;

namespace Oms.Latency.Tests;

/// <summary>
/// Runs the whole harness in process on a tiny configuration and checks what it writes: the JSON document's
/// shape, that every window's histograms counted every message, and the files. No timing is asserted.
/// </summary>
public sealed class HarnessSmokeTests : IDisposable
{
    private const int Rate = 20_000;
    private const int WindowMessages = 1_000; // Rate × 0.05 s
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"oms-latency-test-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void A_tiny_run_writes_the_document_and_counts_every_message()
    {
        var config = new HarnessConfig
        {
            WorkingSets = [500],
            Rates = [Rate],
            Runs = 2,
            WarmupRuns = 1,
            RunSeconds = 0.05,
            ThroughputMessages = 2_000,
            SaturationMessages = 2_000,
            RingCapacity = 1_024,
            JitRounds = 0,
            NoiseSeconds = 0.1,
            // Unpinned threads make the round trips jumpy: a displaced placement may be flagged; keep its waits short.
            PlacementWaitSeconds = 0.2,
            OutDir = _out,
            // The test host's own threads share the CPUs: leave placement to the OS.
            EngineCpu = -1,
            LoadCpu = -1,
            StrategyCpu = -1,
            Layout = ThreadLayout.Shared,
        };
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int exit = HarnessMain.Run(config, json: true, stdout, stderr);

        using JsonDocument doc = JsonDocument.Parse(stdout.ToString());
        JsonElement root = doc.RootElement;
        // Exit 70 may only come from allocations by other threads of the test host during a window.
        string[] warnings = [.. root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        Assert.True(exit == 0 || (exit == 70 && warnings.All(w => w.Contains("bytes allocated", StringComparison.Ordinal))),
            $"exit {exit}: {string.Join("; ", warnings)}\n{stderr}");

        Assert.Equal(2, root.GetProperty("noise").GetArrayLength());
        // The shared layout crosses one pair of CPUs (producer ↔ engine); unpinned here, so it may be cut short.
        JsonElement cross = Assert.Single(root.GetProperty("crossCpu").EnumerateArray());
        Assert.False(cross.GetProperty("pinned").GetBoolean());
        long roundTrips = cross.GetProperty("roundTrips").GetInt64();
        Assert.True(roundTrips == Harness.CrossCpuRoundTrips || cross.GetProperty("cutShort").GetBoolean(), $"{roundTrips} round trips, not cut short");
        if (roundTrips > 0)
        {
            AssertPercentiles(cross.GetProperty("roundTrip"));
        }

        Assert.False(string.IsNullOrEmpty(root.GetProperty("machine").GetProperty("transparentHugePages").GetString()));
        JsonElement throughput = root.GetProperty("throughput");
        foreach (string name in new[] { "engine", "reference", "channels", "ring", "ringMulti" })
        {
            Assert.True(throughput.GetProperty(name).GetDouble() > 0, $"throughput.{name}");
        }

        // The ring comparison's rounds, each between two probes of the round trip; measured again only when displaced.
        JsonElement rounds = throughput.GetProperty("ringRoundTrips");
        Assert.Equal(throughput.GetProperty("ringRuns").GetProperty("runs").GetArrayLength(), rounds.GetArrayLength());
        Assert.All(rounds.EnumerateArray(), x => Assert.True(x.GetProperty("before").GetInt64() >= 0 && x.GetProperty("after").GetInt64() >= 0));
        JsonElement setAside = throughput.GetProperty("ringSetAside");
        Assert.True(setAside.ValueKind is JsonValueKind.Null or JsonValueKind.Object);
        Assert.True(throughput.GetProperty("ringDisplaced").ValueKind is JsonValueKind.True or JsonValueKind.False);

        JsonElement latency = Assert.Single(root.GetProperty("latency").EnumerateArray());
        Assert.Equal(Rate, latency.GetProperty("rate").GetInt64());
        Assert.Equal(500, latency.GetProperty("liveOrders").GetInt32());
        // The output queues (65,536 events of 192 bytes each) are large enough to be advised.
        Assert.Equal(OperatingSystem.IsLinux(), latency.GetProperty("hugePageBytes").GetInt64() > 0);
        AssertPercentiles(latency.GetProperty("endToEnd"));
        AssertPercentiles(latency.GetProperty("applied"));
        AssertPercentiles(latency.GetProperty("toVenue"));
        AssertPercentiles(latency.GetProperty("engineAdds"), allowNegative: true);
        AssertEveryMessageCounted(latency);

        JsonElement ringOnly = Assert.Single(root.GetProperty("ringOnly").EnumerateArray());
        Assert.All(ringOnly.GetProperty("runs").EnumerateArray(), r => Assert.Equal(WindowMessages, r.GetProperty("recorded").GetInt64()));
        JsonElement saturation = Assert.Single(root.GetProperty("saturation").EnumerateArray());
        Assert.True(saturation.GetProperty("unthrottled").GetDouble() > 0);
        // Windows measured again on a moved placement are listed apart: at most the default two per session.
        Assert.All(new[] { latency, ringOnly, saturation }, x => Assert.InRange(x.GetProperty("repeated").GetArrayLength(), 0, 2));
        Assert.True(root.GetProperty("gc").GetProperty("windows").GetInt32() > 0);
        // Counted on Linux (the hot threads' page faults over every window held to zero), -1 elsewhere.
        Assert.Equal(OperatingSystem.IsLinux(), root.GetProperty("gc").GetProperty("hotThreadPageFaults").GetInt64() >= 0);

        AssertFilesWritten();
        Assert.Contains("Latency, 500 live orders", stderr.ToString(), StringComparison.Ordinal);
    }

    private static void AssertEveryMessageCounted(JsonElement latency)
    {
        JsonElement[] runs = [.. latency.GetProperty("runs").EnumerateArray()];
        Assert.Equal(2, runs.Length);
        foreach (JsonElement run in runs)
        {
            Assert.Equal(WindowMessages, run.GetProperty("messages").GetInt32());
            Assert.Equal(WindowMessages, run.GetProperty("recorded").GetInt64());
            Assert.Equal(WindowMessages, run.GetProperty("recordedCallbacks").GetInt64());
            Assert.Equal(0, run.GetProperty("missingApplied").GetInt64());
            Assert.Equal(0, run.GetProperty("missingCallback").GetInt64());
            // New orders, cancels and replaces reach the gateway side; reports send nothing to a venue.
            Assert.InRange(run.GetProperty("recordedVenueCommands").GetInt64(), 1, WindowMessages - 1);
            Assert.True(run.GetProperty("crossCpuRoundTripP50").GetInt64() >= 0);
            Assert.True(run.GetProperty("crossCpuRoundTripP50After").GetInt64() >= 0);
            // A window kept on a displaced placement is flagged only once the session's repeats are used up.
            Assert.True(!run.GetProperty("displaced").GetBoolean() || latency.GetProperty("repeated").GetArrayLength() == 2);
            Assert.True(run.GetProperty("gcCount").GetInt32() >= 0);
            Assert.True(run.GetProperty("allocatedBytes").GetInt64() >= 0);
            Assert.Equal(OperatingSystem.IsLinux(), run.GetProperty("hotThreadPageFaults").GetInt64() >= 0);
        }
    }

    private void AssertFilesWritten()
    {
        Assert.True(File.Exists(Path.Combine(_out, $"ws500-rate{Rate}-endToEnd.hgrm")));
        Assert.True(File.Exists(Path.Combine(_out, $"ring-only-rate{Rate}-applied.hgrm")));
        Assert.True(new FileInfo(Path.Combine(_out, "latency-ws500.png")).Length > 0);
        Assert.Contains("## Machine", File.ReadAllText(Path.Combine(_out, "latency-report.md")), StringComparison.Ordinal);
    }

    private static void AssertPercentiles(JsonElement p, bool allowNegative = false)
    {
        long previous = long.MinValue;
        foreach (string name in new[] { "p50", "p90", "p99", "p999", "p9999", "max" })
        {
            long value = p.GetProperty(name).GetInt64();
            if (!allowNegative)
            {
                Assert.True(value > 0 && value >= previous, $"{name} = {value} after {previous}");
                previous = value;
            }
        }
    }
}
