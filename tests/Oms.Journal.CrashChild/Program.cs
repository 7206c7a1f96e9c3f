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

var engine = new OmsEngine(TestEngineKit.StreamOptions());
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
        engine.Pump();
    }

    if ((i & 31) == 31)
    {
        engine.Pump();
        long durable = writer.DurableSequence;
        if (durable > reported)
        {
            reported = durable;
            Console.Out.WriteLine($"durable {durable}");
            Console.Out.Flush();
        }
    }
}

engine.Pump();
writer.WaitForDurable(count - 1, TimeSpan.FromMinutes(1));
Console.Out.WriteLine($"durable {writer.DurableSequence}");
Console.Out.WriteLine("done");
Console.Out.Flush();
Thread.Sleep(Timeout.Infinite);
return 0;
