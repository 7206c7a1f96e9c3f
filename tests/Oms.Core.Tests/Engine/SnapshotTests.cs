using System.Buffers.Binary;
using System.IO.Hashing;
using System.Reflection;
using System.Runtime.InteropServices;
using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tables;
using Oms.Tests.Differential;
using Oms.Tests.Support;

namespace Oms.Tests.Engine;

public sealed class SnapshotTests
{
    /// <summary>Applies messages; returns every event (strategy streams and anomalies) as bytes, in order.</summary>
    private static byte[] Apply(OmsEngine engine, ReadOnlySpan<OmsMessage> messages)
    {
        using var bytes = new MemoryStream();
        foreach (OmsMessage m in messages)
        {
            engine.Apply(in m);
            for (int s = 1; s <= engine.Options.MaxStrategies; s++)
            {
                while (engine.OpenStrategyStream(s).TryRead(out OmsEvent e))
                {
                    bytes.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in e)));
                }
            }

            while (engine.Anomalies.TryRead(out OmsEvent a))
            {
                bytes.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<OmsEvent>(in a)));
            }

            engine.DrainOutputs();
        }

        return bytes.ToArray();
    }

    /// <remarks>Position checkpoints are not in the snapshot: the restored engine takes them again, and then
    /// busts and corrections after the restore must rebuild positions exactly as the original does.</remarks>
    [Theory]
    [InlineData(1, 7_000, 64)]
    [InlineData(2, 15_000, 2)]
    [InlineData(3, 29_999, 64)]
    [InlineData(8, 20_000, 1)]
    public void SnapshotMidStream_RestoredEngineContinues_ExactlyAsTheOriginal(int seed, int at, int checkpointInterval)
    {
        OmsMessage[] stream = new StreamGenerator(seed).Generate(30_000);
        OmsEngineOptions options = DifferentialTests.Options();
        options.PositionCheckpointInterval = checkpointInterval;
        var original = TestEngines.OpenStreams(new OmsEngine(options));
        Apply(original, stream.AsSpan(0, at));
        using var snapshot = new MemoryStream();
        original.WriteSnapshot(snapshot);
        snapshot.Position = 0;

        OmsEngine restored = TestEngines.OpenStreams(OmsEngine.ReadSnapshot(snapshot, options));
        Assert.Null(restored.ValidateInvariants());
        Assert.Equal(original.ComputeStateHash(), restored.ComputeStateHash());
        Assert.Equal(original.InputSequence, restored.InputSequence);

        byte[] expected = Apply(original, stream.AsSpan(at));
        byte[] actual = Apply(restored, stream.AsSpan(at));
        Assert.Equal(original.ComputeStateHash(), restored.ComputeStateHash());
        Assert.Equal(expected, actual);
        foreach (RejectReason reason in Enum.GetValues<RejectReason>())
        {
            Assert.Equal(original.Counters.ByReason(reason), restored.Counters.ByReason(reason));
        }
    }

    [Fact]
    public void Snapshot_WrittenTwice_SameBytes_AndRoundTripsExactly()
    {
        var engine = new OmsEngine(DifferentialTests.Options());
        Apply(engine, new StreamGenerator(4).Generate(10_000));
        using var first = new MemoryStream();
        engine.WriteSnapshot(first);
        first.Position = 0;
        using var second = new MemoryStream();
        OmsEngine.ReadSnapshot(first, DifferentialTests.Options()).WriteSnapshot(second);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Snapshot_Damaged_Refused()
    {
        var engine = new OmsEngine(DifferentialTests.Options());
        Apply(engine, new StreamGenerator(5).Generate(2_000));
        using var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        byte[] bytes = stream.ToArray();
        bytes[^10] ^= 0x01;
        var e = Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(new MemoryStream(bytes), DifferentialTests.Options()));
        Assert.Contains("CRC", e.Message);
        Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(new MemoryStream("not a snapshot at all, no...."u8.ToArray()), DifferentialTests.Options()));
    }

    [Fact]
    public void Snapshot_PositionDisagreesWithItsFills_Refused()
    {
        // A snapshot whose CRC is right but whose position rows do not follow from its fills (written by a
        // faulty engine, or edited): the load replays every row and must not accept it.
        var engine = new OmsEngine(DifferentialTests.Options());
        Apply(engine, new StreamGenerator(7).Generate(3_000));
        var positions = (PositionTable)typeof(OmsEngine)
            .GetField("_positions", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        int row = Enumerable.Range(0, positions.Count).First(r => positions.FillCount[r] > 0 && !positions.Incomplete[r]);
        positions.Realized[row] += 1;
        using var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(stream, DifferentialTests.Options()));
        Assert.Contains($"position row {row}", e.Message);
    }

    [Theory]
    [InlineData("ExecID index names a fill never recorded")]
    [InlineData("fill chain links to a fill never recorded")]
    [InlineData("fill chain runs in a circle")]
    [InlineData("position's first fill never recorded")]
    [InlineData("fill names an order row never used")]
    public void Snapshot_NumberNamingAFillOutOfRange_Refused(string fault)
    {
        // A CRC-correct snapshot whose numbers do not hold together (a faulty writer, or an edit) is refused as
        // invalid data when it is read, never loaded to fail later with an index out of range or a hang.
        var engine = new OmsEngine(DifferentialTests.Options());
        Apply(engine, new StreamGenerator(8).Generate(3_000));
        var positions = (PositionTable)typeof(OmsEngine)
            .GetField("_positions", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        var fills = (FillStore)typeof(OmsEngine)
            .GetField("_fills", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        int row = Enumerable.Range(0, positions.Count).First(r => positions.FillCount[r] > 1 && !positions.Incomplete[r]);
        string next = positions.OwnerOf(row) == PositionOwner.Account ? "_nextInAccount" : "_nextInStrategy";
        var links = (int[])typeof(FillStore).GetField(next, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(fills)!;
        int first = positions.FirstFill[row];
        switch (fault)
        {
            case "fill chain links to a fill never recorded":
                links[first] = fills.Count + 3;
                break;
            case "fill chain runs in a circle":
                links[links[first]] = first;
                break;
            case "position's first fill never recorded":
                positions.FirstFill[row] = fills.Count + 5;
                break;
            case "fill names an order row never used":
                var slots = (int[])typeof(FillStore).GetField("_slot", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(fills)!;
                slots[first] = engine.Options.MaxOrders - 1;
                break;
        }

        using var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        byte[] bytes = stream.ToArray();
        if (fault == "ExecID index names a fill never recorded")
        {
            // The body ends with the ExecID index's last entry: its value, then its venue.
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), fills.Count + 7);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, bytes.AsSpan(32)));
        }

        Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(new MemoryStream(bytes), DifferentialTests.Options()));
    }

    [Fact]
    public void Snapshot_OtherCapacities_Refused()
    {
        var engine = new OmsEngine(DifferentialTests.Options());
        Apply(engine, new StreamGenerator(6).Generate(500));
        using var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        stream.Position = 0;
        OmsEngineOptions other = DifferentialTests.Options();
        other.MaxOrders *= 2;
        Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(stream, other));
    }

    [Fact]
    public void Snapshot_OrderOnAVenueThisEngineDoesNotHave_Refused_AndADeniedOneLoads()
    {
        OmsEngineOptions four = DifferentialTests.Options();
        four.MaxVenues = 4;
        var engine = new OmsEngine(four);
        engine.Apply(Msg.New("A", venue: 3));
        engine.Apply(Msg.Report(ExecType.New, "A", "E1", venueOrderId: "V1", qty: 100, price: 10_000, venue: 3));
        engine.Apply(Msg.New("B", venue: 5)); // denied InvalidVenue: its row never reached a venue
        OmsEngineOptions two = DifferentialTests.Options();
        two.MaxVenues = 2;

        var e = Assert.Throws<InvalidDataException>(() => OmsEngine.ReadSnapshot(Snapshot(engine), two));
        Assert.Contains("venue 3", e.Message);

        OmsEngineOptions three = DifferentialTests.Options();
        three.MaxVenues = 3;
        OmsEngine restored = OmsEngine.ReadSnapshot(Snapshot(engine), three);
        restored.Apply(Msg.Cancel("A-c", "A"));
        Assert.Equal(OrderStatus.PendingCancel, restored.Order("A").Status);
        Assert.Equal(OrderStatus.Denied, restored.Order("B").Status);
    }

    private static MemoryStream Snapshot(OmsEngine engine)
    {
        var stream = new MemoryStream();
        engine.WriteSnapshot(stream);
        stream.Position = 0;
        return stream;
    }
}
