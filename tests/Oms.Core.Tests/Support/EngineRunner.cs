using Oms.Engine;

namespace Oms.Tests.Support;

/// <summary>Runs an engine's duty cycle on a dedicated thread, as a host would, until disposed.</summary>
public sealed class EngineRunner : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public EngineRunner(OmsEngine engine)
    {
        Engine = engine;
        _thread = new Thread(() =>
        {
            var spin = new SpinWait();
            while (!_stop)
            {
                if (engine.DoWork() == 0)
                {
                    spin.SpinOnce();
                }
            }

            while (engine.DoWork() > 0)
            {
            }
        }) { IsBackground = true, Name = "test-engine" };
        _thread.Start();
    }

    public OmsEngine Engine { get; }

    /// <summary>Stops the thread; afterwards this thread may read the engine's tables.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
