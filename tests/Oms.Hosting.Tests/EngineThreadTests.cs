using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;

namespace Oms.Hosting.Tests;

public sealed class EngineThreadTests
{
    [Theory]
    [InlineData(IdleStrategyKind.BusySpin)]
    [InlineData(IdleStrategyKind.Yielding)]
    [InlineData(IdleStrategyKind.BackOff)]
    public async Task EachIdleStrategy_RunsTheEngine(IdleStrategyKind kind)
    {
        var strategy = new ScriptedStrategy();
        using IHost host = TestHosts.Build(o => o.IdleStrategy = kind, s => s.AddLoopback().AddOmsStrategy(1, _ => strategy));
        await host.StartAsync(Ct);
        await strategy.Invoke(s => Enumerable.Range(0, 20).Count(i => !s.SubmitLimit(Side.Buy, 100, 10_000).IsNone));
        strategy.WaitFor(e => e.Count(x => x.Kind == EventKind.Filled) == 20, "20 fills");
        await host.StopAsync(Ct);

        Assert.Equal(60, host.Runtime().InputSequence); // 20 orders, 20 acks, 20 fills
    }

    [Fact]
    public async Task TheEngineRunsOnItsOwnNamedThread_PinnedToTheConfiguredCpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int cpu = FirstAllowedCpu();
        using IHost host = TestHosts.Build(o => o.EngineCpu = cpu);
        await host.StartAsync(Ct);
        try
        {
            OmsRuntime runtime = host.Runtime();
            Assert.True(runtime.EnginePinned, runtime.PinningProblem);
            Assert.Equal(cpu, runtime.EngineCpu);
            Assert.Null(runtime.PinningProblem);
            // The OS agrees: a thread named oms-engine may run on that CPU only.
            Assert.Contains(EngineThreadsAllowedCpus(), allowed => allowed == cpu.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task PinningTheOsRefuses_WarnsAndRunsUnpinned()
    {
        var strategy = new ScriptedStrategy();
        using IHost host = TestHosts.Build(o => o.EngineCpu = 1023, s => s.AddLoopback().AddOmsStrategy(1, _ => strategy));
        await host.StartAsync(Ct);
        await strategy.Invoke(s => s.SubmitLimit(Side.Buy, 100, 10_000));
        strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Filled), "a fill");
        await host.StopAsync(Ct);

        OmsRuntime runtime = host.Runtime();
        Assert.False(runtime.EnginePinned);
        Assert.NotNull(runtime.PinningProblem);
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("could not be pinned to CPU 1023"));
        Assert.Null(runtime.Fault);
    }

    [Fact]
    public async Task NoPinningAsked_NoPinningDone()
    {
        using IHost host = TestHosts.Build(o => o.EngineCpu = -1);
        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Null(host.Runtime().EngineCpu);
        Assert.False(host.Runtime().EnginePinned);
        Assert.Null(host.Runtime().PinningProblem);
    }

    private static int FirstAllowedCpu()
    {
        string line = File.ReadAllLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        string first = line.Split(':')[1].Trim().Split(',', '-')[0];
        return int.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> EngineThreadsAllowedCpus() =>
    [
        .. Directory.GetDirectories("/proc/self/task")
            .Where(t => File.Exists(Path.Combine(t, "comm")) && File.ReadAllText(Path.Combine(t, "comm")).Trim() == "oms-engine")
            .Select(t => File.ReadAllLines(Path.Combine(t, "status")).Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim()),
    ];
}
