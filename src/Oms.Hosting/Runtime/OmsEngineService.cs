using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Oms.Client;
using Oms.Engine;
using Oms.Gateway;
using Oms.Journal;

namespace Oms.Hosting;

/// <summary>
/// The hosted service that runs Oms: the engine on its own dedicated thread, each registered
/// <see cref="IVenueGateway"/> and each registered <see cref="OmsStrategy"/> on threads of their own, the
/// journal writer and a monitor. None of them runs on the thread pool.
/// </summary>
/// <remarks>
/// <para>Start: strategies are created and their streams opened, gateways checked, the journal opened and tapped,
/// then the engine thread starts (and pins itself), then gateways, then strategies. Any problem found before the
/// threads start fails <c>StartAsync</c> with a message that says what to change.</para>
/// <para>Stop (see <c>OmsEngineService.Stop.cs</c>): stop accepting, drain, stop the engine after a final drain,
/// deliver every remaining event, flush the journal; then the final counters and state hash are logged and set on
/// <see cref="OmsRuntime"/>. A failed component (see <see cref="HostFaults"/>) stops the host with exit code 70.</para>
/// </remarks>
internal sealed partial class OmsEngineService(
    IServiceProvider services,
    IOptions<OmsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OmsEngineService> logger) : IHostedService
{
    private readonly StrategyGate _gate = new();
    private readonly List<StrategyRunner> _strategies = [];
    private readonly List<GatewayRunner> _gateways = [];
    private OmsOptions _options = null!;
    private OmsEngine _engine = null!;
    private OmsRuntime _runtime = null!;
    private HostFaults _faults = null!;
    private JournalWriter? _journal;
    private EngineRunner? _engineRunner;
    private OmsMonitor? _monitor;
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _options = options.Value;
        _engine = services.GetRequiredService<OmsEngine>();
        _runtime = services.GetRequiredService<OmsRuntime>();
        OmsMetrics metrics = services.GetRequiredService<OmsMetrics>();
        OmsClock clock = services.GetRequiredService<OmsClock>();
        _faults = new HostFaults(logger, lifetime, _runtime);

        CreateStrategies(metrics, clock);
        CreateGateways(clock);
        _journal = OpenJournal();
        _monitor = new OmsMonitor(_engine, _journal, _options.LogAnomalies, logger, _faults);

        int cpu = _options.EngineCpu ?? -1;
        _engineRunner = new EngineRunner(_engine, _options.EngineIdle, cpu, _faults);
        _runtime.AttachEngineRunner(_engineRunner);
        _gate.OpenGate();
        _runtime.SetState(OmsRuntimeState.Running);
        _journal?.Start();
        _engineRunner.Start();
        _runtime.EngineCpu = cpu >= 0 ? cpu : null;
        _runtime.EnginePinned = _engineRunner.Pinned;
        _runtime.PinningProblem = _engineRunner.PinningProblem;
        if (cpu >= 0 && !_engineRunner.Pinned)
        {
            OmsLog.PinningFailed(logger, cpu, _engineRunner.PinningProblem ?? "unknown");
        }

        foreach (GatewayRunner g in _gateways)
        {
            g.Start();
        }

        foreach (StrategyRunner s in _strategies)
        {
            s.Start();
        }

        _monitor.Start();
        OmsLog.EngineStarted(logger, _options.IdleStrategy, cpu, _engineRunner.Pinned, _gateways.Count, _strategies.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_engineRunner is not null && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            Stop();
        }

        return Task.CompletedTask;
    }

    private void CreateStrategies(OmsMetrics metrics, OmsClock clock)
    {
        var seen = new HashSet<int>();
        foreach (StrategyRegistration r in services.GetServices<StrategyRegistration>())
        {
            if ((uint)(r.StrategyId - 1) >= (uint)_options.MaxStrategies)
            {
                throw new InvalidOperationException($"Oms strategy id {r.StrategyId} is outside 1..Oms:MaxStrategies ({_options.MaxStrategies})");
            }

            if (!seen.Add(r.StrategyId))
            {
                throw new InvalidOperationException($"Oms strategy id {r.StrategyId} is registered twice; each strategy needs its own id");
            }

            OmsStrategy strategy = r.Factory(services)
                ?? throw new InvalidOperationException($"the factory of Oms strategy {r.StrategyId} returned null");
            var client = new OmsClient(_engine, r.StrategyId, clock);
            strategy.Attach(r.StrategyId, client, _gate, clock);
            _strategies.Add(new StrategyRunner(strategy, client, _gate, clock, metrics, _options.StrategyIdle, _options.StrategyPollLimit, _faults));
        }

        _runtime.Strategies = [.. _strategies.Select(s => s.Status)];
    }

    private void CreateGateways(OmsClock clock)
    {
        var seen = new HashSet<int>();
        foreach (IVenueGateway gateway in services.GetServices<IVenueGateway>())
        {
            if ((uint)(gateway.VenueId - 1) >= (uint)_options.MaxVenues)
            {
                throw new InvalidOperationException($"Oms gateway {gateway.GetType().Name} serves venue {gateway.VenueId}, outside 1..Oms:MaxVenues ({_options.MaxVenues})");
            }

            if (!seen.Add(gateway.VenueId))
            {
                throw new InvalidOperationException($"two Oms gateways serve venue {gateway.VenueId}; a venue queue has exactly one consumer");
            }

            _gateways.Add(new GatewayRunner(gateway, clock, _options.GatewayIdle, _faults));
        }

        // A new order to any other venue is refused at the strategy (CommandRefusal.VenueNotServed): its command
        // would wait in a queue nobody reads. The engine itself does no such check.
        _gate.ServeVenues(seen, _options.MaxVenues);
    }

    private JournalWriter? OpenJournal()
    {
        OmsJournalOptions o = _options.Journal;
        if (!o.Enabled)
        {
            return null;
        }

        string path = Path.GetFullPath(o.Path!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            if (!o.Overwrite)
            {
                throw new InvalidOperationException(
                    $"Oms:Journal:Path {path} already holds a journal, which a new session cannot continue; move it away, or set Oms:Journal:Overwrite=true to replace it");
            }

            File.Delete(path);
        }

        var journal = new JournalWriter(path, _engine.InputSequence, o.ToWriterOptions());
        _engine.AttachInputTap(journal.Tap);
        _runtime.AttachJournal(journal, path);
        OmsLog.JournalOpened(logger, path, o.Durability, _engine.InputSequence);
        return journal;
    }
}
