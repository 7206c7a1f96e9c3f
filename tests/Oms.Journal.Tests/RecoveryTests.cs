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
        OmsEngine live = LivePath.Run(journal, stream, TestEngineKit.StreamOptions(), snapshot, snapshotAt: 25_000);

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
