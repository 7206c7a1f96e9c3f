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
    public static void Pump(this OmsEngine engine)
    {
        while (engine.DoWork() > 0)
        {
            engine.DrainOutputs();
        }

        engine.DrainOutputs();
    }
}
