using System.Diagnostics;
using Oms.Latency.Latency;
using Oms.Latency.Throughput;

namespace Oms.Latency.Tests;

public sealed class PerfControlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-perf-control-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HarnessConfig Config(string? controlPath) => new()
    {
        WorkingSets = [500],
        Runs = 3,
        WarmupRuns = 1,
        ThroughputMessages = 2_000,
        RingCapacity = 1_024,
        EngineCpu = -1,
        LoadCpu = -1,
        StrategyCpu = -1,
        Layout = ThreadLayout.Shared,
        PerfControlPath = controlPath,
    };

    [Fact]
    public void ApplyThroughput_switches_the_profiler_on_for_each_measured_engine_run_only()
    {
        // A plain file stands in for perf's FIFO: it keeps every command written.
        string control = Path.Combine(_dir, "ctl");
        File.WriteAllText(control, "");

        ApplyThroughput.Run(Config(control), 500, new Progress(null));

        // Three measured runs; neither the discarded one nor the reference's runs are recorded.
        Assert.Equal(string.Concat(Enumerable.Repeat("enable\ndisable\n", 3)), File.ReadAllText(control));
    }

    [Fact]
    public void ApplyThroughput_writes_the_commands_through_a_real_fifo()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "mkfifo is Linux's");
        string fifo = Path.Combine(_dir, "ctl.fifo");
        using (Process mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // The reader plays perf: it holds the FIFO open and reads commands until the writer closes it.
        var lines = new List<string>();
        // Background: if the harness never opened the FIFO, the reader stays blocked in open; it must not keep the test host alive.
        var reader = new Thread(() =>
        {
            using var stream = new StreamReader(fifo);
            while (stream.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }) { IsBackground = true };
        reader.Start();

        ApplyThroughput.Run(Config(fifo), 500, new Progress(null));

        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "the reader never saw the FIFO closed");
        Assert.Equal(["enable", "disable", "enable", "disable", "enable", "disable"], lines);
    }

    [Fact]
    public void Validate_refuses_a_control_path_that_does_not_exist() =>
        Assert.Contains("--perf-control", Config(Path.Combine(_dir, "missing")).Validate(), StringComparison.Ordinal);
}
