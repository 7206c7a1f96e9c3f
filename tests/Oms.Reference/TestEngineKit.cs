using Oms.Engine;

namespace Oms.Reference;

/// <summary>Engine settings and helpers shared by the test projects (and the crash-test child process).</summary>
public static class TestEngineKit
{
    /// <summary>Capacities for generated streams of up to ~200,000 messages (StreamGenerator's 4 strategies, 4 accounts, 8 instruments, 2 venues).</summary>
    public static OmsEngineOptions StreamOptions() => new()
    {
        MaxOrders = 65_536,
        MaxPositions = 4_096,
        MaxStrategies = 4,
        MaxAccounts = 4,
        MaxInstruments = 8,
        MaxVenues = 2,
        RingCapacity = 1_024,
        VenueQueueCapacity = 4_096,
        AnomalyCapacity = 4_096,
    };

    /// <summary>Discards every venue command and anomaly waiting (tests that do not look at them keep the queues from filling).</summary>
    public static void DrainOutputs(this OmsEngine engine)
    {
        for (int v = 1; v <= engine.Options.MaxVenues; v++)
        {
            var q = engine.VenueQueue(v);
            while (q.TryRead(out _))
            {
            }
        }

        while (engine.Anomalies.TryRead(out _))
        {
        }
    }

    /// <summary>Runs the duty cycle until the ring is empty, discarding outputs as it goes.</summary>
    /// <remarks>
    /// <c>DoWork</c> also returns 0 while an input tap is full (a journal writer behind), with messages still in the
    /// ring; stopping then would leave them unapplied and unjournaled. Pump waits for the tap instead, and throws
    /// after a minute (a tap nobody drains).
    /// </remarks>
    public static void Pump(this OmsEngine engine)
    {
        long deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            int applied = engine.DoWork();
            engine.DrainOutputs();
            if (applied > 0)
            {
                continue;
            }

            if (engine.Inbound.Depth == 0)
            {
                return;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{engine.Inbound.Depth} messages stayed in the ring for a minute: is the input tap drained?");
            }

            Thread.Yield();
        }
    }
}
