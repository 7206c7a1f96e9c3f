using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oms.Engine;
using Oms.Hosting;
using Oms.Journal;
using Oms.Venue;

namespace Oms.Cli.Demo;

/// <summary>
/// The README's main job: the Generic Host with the engine on its own pinned thread, the simulated venue on
/// a gateway thread and four sample strategies on theirs, run for a set time, then stopped gracefully
/// (stop accepting, drain, flush the journal) and summarised.
/// </summary>
internal static class DemoRunner
{
    public static async Task<DemoSummary> RunAsync(TimeSpan duration, int seed, string journal, Action<DemoProgress>? onTick)
    {
        journal = Path.GetFullPath(journal);
        Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
        JournalNames names = DemoSetup.Names();
        names.Save(JournalNames.PathFor(journal));

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // stdout carries only the demo's own output (and only JSON with --json): logs go to stderr, warnings up.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOms(o => DemoSetup.Engine(o, journal));
        builder.Services.AddSingleton(sp => new SimVenue(sp.GetRequiredService<OmsEngine>(), DemoSetup.VenueId, DemoSetup.Venue(seed)));
        builder.Services.AddSingleton<IMarketData>(sp => new SimVenueMarketData(sp.GetRequiredService<SimVenue>()));
        builder.Services.AddOmsGateway(sp => new SimVenueGateway(sp.GetRequiredService<SimVenue>()));
        for (int i = 0; i < DemoSetup.Strategies.Length; i++)
        {
            int index = i;
            builder.Services.AddOmsStrategy(DemoSetup.Strategies[i].Id, sp => DemoSetup.Strategy(index, seed, sp.GetRequiredService<IMarketData>()));
        }

        using IHost host = builder.Build();
        using var latency = new LatencyRecorder();
        var runtime = host.Services.GetRequiredService<OmsRuntime>();
        var venue = host.Services.GetRequiredService<SimVenue>();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        var progress = new DemoProgress(runtime, latency, venue, duration);
        while (clock.Elapsed < duration && runtime.Fault is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            progress.Elapsed = clock.Elapsed;
            onTick?.Invoke(progress);
        }

        await host.StopAsync();
        await runtime.Stopped;
        progress.Elapsed = clock.Elapsed;
        return DemoSummary.From(runtime, venue, latency, names, clock.Elapsed, journal);
    }
}

/// <summary>What the live view reads while the demo runs (every source is safe to read from any thread).</summary>
internal sealed class DemoProgress(OmsRuntime runtime, LatencyRecorder latency, SimVenue venue, TimeSpan duration)
{
    public OmsRuntime Runtime { get; } = runtime;

    public LatencyRecorder Latency { get; } = latency;

    public SimVenueCounters Venue { get; } = venue.Counters;

    public TimeSpan Duration { get; } = duration;

    public TimeSpan Elapsed { get; set; }
}
