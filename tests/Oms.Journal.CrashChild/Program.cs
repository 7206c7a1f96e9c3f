using Oms.Engine;
using Oms.Journal;
using Oms.Reference;

// Usage: Oms.Journal.CrashChild JOURNAL SEED COUNT
// Feeds COUNT messages of StreamGenerator(SEED) through ring → DoWork → tap → journal (batched fsync),
// printing "durable N" as the durable watermark advances, then "done" and waits to be killed.
if (args.Length != 3 || !int.TryParse(args[1], out int seed) || !int.TryParse(args[2], out int count))
{
    Console.Error.WriteLine("usage: Oms.Journal.CrashChild JOURNAL SEED COUNT");
    return 64;
}

var engine = new OmsEngine(CrashChildOptions.Engine());
using var writer = new JournalWriter(args[0], engine.InputSequence, new JournalWriterOptions { Durability = JournalDurability.Batched, BatchRecords = 64 });
engine.AttachInputTap(writer.Tap);
writer.Start();
var generator = new StreamGenerator(seed);
long reported = -1;
for (int i = 0; i < count; i++)
{
    OmsMessage m = generator.Next();
    while (!engine.Inbound.TryPublish(in m))
    {
        Pump(engine);
    }

    if ((i & 31) == 31)
    {
        Pump(engine);
        long durable = writer.DurableSequence;
        if (durable > reported)
        {
            reported = durable;
            Console.Out.WriteLine($"durable {durable}");
            Console.Out.Flush();
        }
    }
}

Pump(engine);
writer.WaitForDurable(count - 1, TimeSpan.FromMinutes(1));
Console.Out.WriteLine($"durable {writer.DurableSequence}");
Console.Out.WriteLine("done");
Console.Out.Flush();
Thread.Sleep(Timeout.Infinite);
return 0;

static void Pump(OmsEngine engine)
{
    while (engine.DoWork() > 0)
    {
    }

    for (int v = 1; v <= engine.Options.MaxVenues; v++)
    {
        while (engine.VenueQueue(v).TryRead(out _))
        {
        }
    }

    while (engine.Anomalies.TryRead(out _))
    {
    }
}

/// <summary>The engine settings shared by the child and the test that checks it.</summary>
public static class CrashChildOptions
{
    public static OmsEngineOptions Engine() => new()
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
}
