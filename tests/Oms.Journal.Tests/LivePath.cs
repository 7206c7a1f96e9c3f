using Oms.Engine;
using Oms.Reference;

namespace Oms.Journal.Tests;

/// <summary>The engine's live path with a journal attached, for tests that then restore, damage or replay the journal.</summary>
internal static class LivePath
{
    /// <summary>The live path: ring, duty cycle with the journal tap, outputs drained as a gateway would; a snapshot after message <paramref name="snapshotAt"/>.</summary>
    public static OmsEngine Run(string journal, OmsMessage[] stream, OmsEngineOptions options, string? snapshot = null, int snapshotAt = -1)
    {
        var live = new OmsEngine(options);
        using (var writer = new JournalWriter(journal, 0))
        {
            live.AttachInputTap(writer.Tap);
            writer.Start();
            for (int i = 0; i < stream.Length; i++)
            {
                while (!live.Inbound.TryPublish(in stream[i]))
                {
                    live.Pump();
                }

                if (i == snapshotAt)
                {
                    live.Pump();
                    EngineRecovery.WriteSnapshotFile(live, snapshot!);
                }
            }

            live.Pump();
            Assert.True(writer.WaitForWritten(stream.Length - 1, TimeSpan.FromSeconds(60)));
        }

        return live;
    }
}
