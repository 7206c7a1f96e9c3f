using Oms.Engine;
using Oms.Reference;

namespace Oms.Journal.Tests;

/// <summary>
/// A journal damaged or mismatched on disk: only a torn tail (the end a crash left unfinished) is cut; damage with
/// intact records after it, a header that does not fit its records, or a journal that does not reach its snapshot
/// are refused, and the file is left exactly as it was found.
/// </summary>
public sealed class JournalDamageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-damage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void DamageInTheMiddle_RestoreRefuses_AndKeepsEveryRecord()
    {
        string journal = PathOf("mid.journal");
        string snapshot = PathOf("mid.snapshot");
        LivePath.Run(journal, new StreamGenerator(31).Generate(2_000), TestEngineKit.StreamOptions(), snapshot, snapshotAt: 1_000);
        FlipByte(journal, record: 300); // a record the snapshot already covers
        byte[] before = File.ReadAllBytes(journal);

        var e = Assert.Throws<InvalidDataException>(() => EngineRecovery.Restore(snapshot, journal, TestEngineKit.StreamOptions()));

        Assert.Contains("record 300", e.Message);
        Assert.Contains("intact record(s) follow", e.Message);
        Assert.Equal(before, File.ReadAllBytes(journal));
        JournalReadResult read = JournalReader.Read(journal);
        Assert.Equal((JournalFault.CrcMismatch, 300L, 1_699L, false), (read.Fault, read.Records, read.IntactAfterFault, read.IsTornTail));
    }

    [Fact]
    public void DamageInTheMiddle_WriterRefusesToAppend_AndRecoverRefusesToCut()
    {
        string journal = PathOf("mid-writer.journal");
        LivePath.Run(journal, new StreamGenerator(32).Generate(500), TestEngineKit.StreamOptions());
        FlipByte(journal, record: 100);
        byte[] before = File.ReadAllBytes(journal);

        Assert.Throws<InvalidDataException>(() => new JournalWriter(journal, 500));
        Assert.Throws<InvalidDataException>(() => JournalReader.Recover(journal));

        Assert.Equal(before, File.ReadAllBytes(journal));
    }

    [Fact]
    public void DamagedLastRecords_AreATornTail_CutAndAppendedTo()
    {
        string journal = PathOf("tail.journal");
        LivePath.Run(journal, new StreamGenerator(33).Generate(500), TestEngineKit.StreamOptions());
        FlipByte(journal, record: 498);
        FlipByte(journal, record: 499);

        RecoveryResult r = EngineRecovery.Restore(null, journal, TestEngineKit.StreamOptions());

        Assert.Equal((JournalFault.CrcMismatch, true, 498L), (r.Journal.Fault, r.Journal.IsTornTail, r.Replayed));
        Assert.Equal((JournalFault.None, 498L), (JournalReader.Read(journal).Fault, JournalReader.Read(journal).Records));
        using var writer = new JournalWriter(journal, 498);
        Assert.Equal(497, writer.DurableSequence);
    }

    [Fact]
    public void HeaderFirstSequenceDamaged_Refused_AndNoRecordIsCut()
    {
        string journal = PathOf("header.journal");
        LivePath.Run(journal, new StreamGenerator(37).Generate(500), TestEngineKit.StreamOptions());
        using (var f = new FileStream(journal, FileMode.Open))
        {
            f.Position = 25; // the header's first sequence, 0, becomes 256
            f.WriteByte(1);
        }

        byte[] before = File.ReadAllBytes(journal);

        var e = Assert.Throws<InvalidDataException>(() => EngineRecovery.Restore(null, journal, TestEngineKit.StreamOptions()));
        Assert.Throws<InvalidDataException>(() => new JournalWriter(journal, 256));

        Assert.Contains("sequence 0, expected 256", e.Message);
        Assert.Equal(before, File.ReadAllBytes(journal));
    }

    [Fact]
    public void JournalEndingBeforeTheSnapshot_Refused()
    {
        string journal = PathOf("short.journal");
        string snapshot = PathOf("short.snapshot");
        LivePath.Run(journal, new StreamGenerator(34).Generate(1_000), TestEngineKit.StreamOptions(), snapshot, snapshotAt: 999);
        using (var f = new FileStream(journal, FileMode.Open))
        {
            f.SetLength(JournalFormat.HeaderSize + (600L * JournalFormat.RecordSize)); // its last 400 records lost
        }

        var e = Assert.Throws<InvalidDataException>(() => EngineRecovery.Restore(snapshot, journal, TestEngineKit.StreamOptions()));

        Assert.Contains("ends at sequence 599, before the snapshot's 1000", e.Message);
    }

    [Fact]
    public void LongTail_RestoredWithSmallVenueQueues_EqualsTheLiveEngine_AndLeavesTheQueuesEmpty()
    {
        // The live engine's gateway kept its venue queues short; the restored engine has no gateway, and its
        // queues must not fill and refuse orders for back-pressure the live engine never saw.
        static OmsEngineOptions Options()
        {
            OmsEngineOptions o = TestEngineKit.StreamOptions();
            o.VenueQueueCapacity = 64;
            return o;
        }

        string journal = PathOf("tail-venues.journal");
        OmsEngine live = LivePath.Run(journal, new StreamGenerator(35).Generate(5_000), Options());
        Assert.Equal(0, live.Counters.ByReason(RejectReason.VenueBackPressure));

        RecoveryResult r = EngineRecovery.Restore(null, journal, Options());

        Assert.Equal(5_000, r.Replayed);
        Assert.Equal(0, r.Engine.Counters.ByReason(RejectReason.VenueBackPressure));
        Assert.Equal(live.ComputeStateHash(), r.Engine.ComputeStateHash());
        for (int v = 1; v <= r.Engine.Options.MaxVenues; v++)
        {
            Assert.Equal(0, r.Engine.VenueQueue(v).Count);
        }
    }

    [Fact]
    public void WriterDisposedWithoutStarting_StillWritesWhatTheEngineApplied()
    {
        string journal = PathOf("unstarted.journal");
        var engine = new OmsEngine(TestEngineKit.StreamOptions());
        var writer = new JournalWriter(journal, 0);
        engine.AttachInputTap(writer.Tap);
        foreach (OmsMessage m in new StreamGenerator(36).Generate(4))
        {
            Assert.True(engine.Inbound.TryPublish(in m));
        }

        Assert.Equal(4, engine.DoWork());

        writer.Dispose();

        Assert.Equal((JournalFault.None, 4L), (JournalReader.Read(journal).Fault, JournalReader.Read(journal).Records));
        Assert.Equal(3, writer.DurableSequence);
    }

    private static void FlipByte(string path, long record)
    {
        long offset = JournalFormat.HeaderSize + (record * JournalFormat.RecordSize) + 100;
        using var f = new FileStream(path, FileMode.Open);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0x40));
    }
}
