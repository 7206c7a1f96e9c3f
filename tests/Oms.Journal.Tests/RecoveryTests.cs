using Oms.Engine;
using Oms.Reference;

namespace Oms.Journal.Tests;

public sealed class RecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-recovery-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Restart_SnapshotPlusJournalTail_EqualsLiveEngine_AndEqualsFullReplay()
    {
        string journal = Path.Combine(_dir, "oms.journal");
        string snapshot = Path.Combine(_dir, "oms.snapshot");
        OmsMessage[] stream = new StreamGenerator(21).Generate(40_000);
        var live = new OmsEngine(TestEngineKit.StreamOptions());
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

                if (i == 25_000)
                {
                    live.Pump();
                    EngineRecovery.WriteSnapshotFile(live, snapshot); // between messages, on the engine thread
                }
            }

            live.Pump();
            Assert.True(writer.WaitForWritten(stream.Length - 1, TimeSpan.FromSeconds(60)));
        }

        RecoveryResult fast = EngineRecovery.Restore(snapshot, journal, TestEngineKit.StreamOptions());
        Assert.True(fast.FromSnapshot > 25_000 - 1_100 && fast.FromSnapshot <= 25_001, $"snapshot at {fast.FromSnapshot}");
        Assert.Equal(stream.Length - fast.FromSnapshot, fast.Replayed);
        Assert.Equal(live.ComputeStateHash(), fast.Engine.ComputeStateHash());

        RecoveryResult slow = EngineRecovery.Restore(null, journal, TestEngineKit.StreamOptions());
        Assert.Equal(stream.Length, slow.Replayed);
        Assert.Equal(live.ComputeStateHash(), slow.Engine.ComputeStateHash());
        Assert.Equal(live.InputSequence, fast.Engine.InputSequence);
    }

    [Fact]
    public void Restore_JournalStartsAfterSnapshot_Refused()
    {
        string journal = Path.Combine(_dir, "late.journal");
        using (var writer = new JournalWriter(journal, 500))
        {
        }

        Assert.Throws<InvalidDataException>(() => EngineRecovery.Restore(null, journal, TestEngineKit.StreamOptions()));
    }

}
