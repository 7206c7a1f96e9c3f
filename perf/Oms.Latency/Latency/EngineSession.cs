using Oms.Engine;
using Oms.Latency.Results;
using Oms.Latency.Workload;

namespace Oms.Latency.Latency;

/// <summary>
/// A real engine holding a working set, ready for latency windows: sized for the session's messages, every
/// table committed (the engine does that when it is built), the setup (N new orders and their acknowledgements)
/// applied, then handed to its pinned thread. The workload generator stays in step with it: each window's
/// messages continue the same mix.
/// </summary>
public sealed class EngineSession : IDisposable
{
    private readonly OmsEngine _engine;
    private readonly LatencyRig _rig;

    /// <summary>Builds the engine for <paramref name="liveOrders"/> plus <paramref name="mixMessages"/> messages; windows of up to <paramref name="maxWindow"/>.</summary>
    public EngineSession(HarnessConfig config, int liveOrders, long mixMessages, int maxWindow)
    {
        Generator = new WorkingSetGenerator(config.Seed, liveOrders);
        _engine = new OmsEngine(EngineSizing.For(liveOrders, mixMessages, config.RingCapacity, config.RowPrefetchMinRows, config.HugePages, config.OutputCapacity));
        var outputs = new EngineOutputs(_engine);
        ApplySetup(outputs);
        // The engine thread is started after the setup: Thread.Start publishes everything written so far to it.
        var host = new ConsumerHost<EngineCycle>("oms-engine", config.EngineCpu, new EngineCycle(_engine), _engine.Inbound.ConsumedCount);
        var load = new LoadGenerator(_engine.Inbound, outputs, config.Layout, config.LoadCpu, config.StrategyCpu,
            config.ProducerHints ? _engine : null);
        _rig = new LatencyRig(_engine.Inbound, host, load, () => _engine.InputSequence, maxWindow, withCallbacks: true);
    }

    /// <summary>The workload, in step with the engine.</summary>
    public WorkingSetGenerator Generator { get; }

    /// <summary>The engine's options.</summary>
    public OmsEngineOptions Options => _engine.Options;

    /// <summary>Bytes of the engine's arrays it asked the kernel to back with 2 MiB pages.</summary>
    public long HugePageBytes => _engine.HugePageBytes;

    /// <summary>The engine's counters (any thread).</summary>
    public EngineCounters Counters => _engine.Counters;

    /// <summary>Pinning results and layout.</summary>
    public LatencyRig Rig => _rig;

    /// <summary>Generates the next <paramref name="count"/> messages into <paramref name="buffer"/> and runs a window with them.</summary>
    public WindowResult Run(string name, OmsMessage[] buffer, int count, long rate)
    {
        Generator.Fill(buffer, count);
        return _rig.Run(name, buffer, count, rate);
    }

    /// <summary>Null when the engine did exactly what the workload expects; otherwise what differs.</summary>
    public string? Check()
    {
        string? problem = WorkloadCheck.Problem(_engine.Counters, Generator.LiveOrders, Generator.Counts);
        long dropped = _engine.Counters.DroppedEvents;
        return dropped == 0 ? problem : $"{problem}{(problem is null ? "" : "; ")}{dropped} events dropped (an output queue was full)";
    }

    /// <inheritdoc/>
    public void Dispose() => _rig.Dispose();

    private void ApplySetup(EngineOutputs outputs)
    {
        OmsMessage[] setup = Generator.BuildSetup();
        for (int i = 0; i < setup.Length; i++)
        {
            _engine.Apply(in setup[i]);
            if ((i & 63) == 63)
            {
                outputs.DrainAll();
            }
        }

        outputs.DrainAll();
    }
}
