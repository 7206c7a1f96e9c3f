using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oms.Domain;
using Oms.Engine;
using Oms.Hosting.Tests.Support;

namespace Oms.Hosting.Tests;

/// <summary>A failing component stops the host loudly. Sequential by class: these tests own <see cref="Environment.ExitCode"/>.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task AFailingGateway_StopsTheHost_WithExitCode70()
    {
        var strategy = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s.AddLoopback().AddOmsStrategy(1, _ => strategy));
        try
        {
            await host.StartAsync(Ct);
            await strategy.Invoke(s => s.SubmitLimit(Side.Buy, 100, 10_000));
            strategy.WaitFor(e => e.Any(x => x.Kind == EventKind.Filled), "a fill before the failure");

            host.Loopback().Explode = true;
            await host.WaitForShutdownAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

            OmsRuntime runtime = host.Runtime();
            Assert.Equal(OmsRuntimeState.Stopped, runtime.State);
            Assert.IsType<InvalidOperationException>(runtime.Fault);
            Assert.Equal("gateway 1", runtime.FaultComponent);
            Assert.Equal(OmsRuntime.FaultExitCode, Environment.ExitCode);
            Assert.Contains(host.Logs().GetSnapshot(), r => r.Level == LogLevel.Critical && r.Message.Contains("gateway 1 failed"));
            // Even after a failure, what reached the engine is applied and the strategy hears about it.
            Assert.True(strategy.OnStoppedCalled);
            Assert.Equal(0, runtime.RingDepth);
            Assert.False(runtime.DrainCompleted);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task AFailingStrategy_StopsTheHost_WithExitCode70()
    {
        var strategy = new ScriptedStrategy { BeforeEach = e => throw new InvalidDataException($"strategy bug on {e.Kind}") };
        var bystander = new ScriptedStrategy();
        using IHost host = TestHosts.Build(services: s => s.AddLoopback().AddOmsStrategy(1, _ => strategy).AddOmsStrategy(2, _ => bystander));
        try
        {
            await host.StartAsync(Ct);
            await strategy.Invoke(s => s.SubmitLimit(Side.Buy, 100, 10_000));
            await host.WaitForShutdownAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

            OmsRuntime runtime = host.Runtime();
            Assert.IsType<InvalidDataException>(runtime.Fault);
            Assert.StartsWith("strategy 1", runtime.FaultComponent);
            Assert.Equal(OmsRuntime.FaultExitCode, Environment.ExitCode);
            StrategyStatus failed = runtime.Strategies.Single(s => s.StrategyId == 1);
            Assert.Same(runtime.Fault, failed.Fault);
            Assert.False(failed.Completed);
            Assert.True(runtime.Strategies.Single(s => s.StrategyId == 2).Completed);
            Assert.NotNull(runtime.FinalStateHash); // the engine itself ended cleanly
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }
}
