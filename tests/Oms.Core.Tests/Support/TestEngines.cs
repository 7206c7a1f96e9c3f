using Oms.Engine;

namespace Oms.Tests.Support;

/// <summary>Engines sized for tests, built through the production constructor.</summary>
public static class TestEngines
{
    public static OmsEngineOptions SmallOptions() => new()
    {
        MaxOrders = 4_096,
        MaxPositions = 1_024,
        MaxStrategies = 8,
        MaxAccounts = 16,
        MaxInstruments = 64,
        MaxVenues = 4,
        RingCapacity = 1_024,
        StrategyEventCapacity = 8_192,
        VenueQueueCapacity = 8_192,
        AnomalyCapacity = 8_192,
    };

    /// <summary>An engine with strategy streams 1..MaxStrategies open.</summary>
    public static OmsEngine Create(OmsEngineOptions? options = null) => OpenStreams(new OmsEngine(options ?? SmallOptions()));

    /// <summary>Opens strategy streams 1..MaxStrategies (a new engine, or one read from a snapshot); returns the engine.</summary>
    public static OmsEngine OpenStreams(OmsEngine engine)
    {
        for (int s = 1; s <= engine.Options.MaxStrategies; s++)
        {
            engine.OpenStrategyStream(s);
        }

        return engine;
    }

    /// <summary>Reads every pending event of a strategy.</summary>
    public static List<OmsEvent> Events(this OmsEngine engine, int strategy)
    {
        var list = new List<OmsEvent>();
        var stream = engine.OpenStrategyStream(strategy);
        while (stream.TryRead(out OmsEvent e))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Reads every pending anomaly.</summary>
    public static List<OmsEvent> DrainAnomalies(this OmsEngine engine)
    {
        var list = new List<OmsEvent>();
        while (engine.Anomalies.TryRead(out OmsEvent e))
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Reads every pending outbound command of a venue.</summary>
    public static List<VenueCommand> Outbound(this OmsEngine engine, int venue)
    {
        var list = new List<VenueCommand>();
        var queue = engine.VenueQueue(venue);
        while (queue.TryRead(out VenueCommand c))
        {
            list.Add(c);
        }

        return list;
    }

    /// <summary>Applies messages in order.</summary>
    public static void ApplyAll(this OmsEngine engine, params OmsMessage[] messages)
    {
        foreach (var m in messages)
        {
            engine.Apply(in m);
        }
    }
}
