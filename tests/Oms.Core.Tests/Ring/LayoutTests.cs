using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Tests.Ring;

/// <summary>
/// Pins the memory layout of the cross-thread types (STYLE P6): the padded cursor, the ring slot types,
/// and which fields of the ring and queue are padded cursors.
/// </summary>
public sealed class LayoutTests
{
    [Fact]
    public void PaddedSequence_Size_Is128PlusValuePlus128()
    {
        Assert.Equal(128, PaddedSequence.Padding);
        Assert.Equal(264, PaddedSequence.Size);
        Assert.Equal(264, Unsafe.SizeOf<PaddedSequence>());
        Assert.Equal(264, Marshal.SizeOf<PaddedSequence>());
    }

    [Fact]
    public void PaddedSequence_Value_IsAtOffset128()
    {
        FieldInfo value = typeof(PaddedSequence).GetField(nameof(PaddedSequence.Value))!;
        FieldOffsetAttribute? offset = value.GetCustomAttribute<FieldOffsetAttribute>();

        Assert.NotNull(offset);
        Assert.Equal(128, offset.Value);
        Assert.Equal(128, Marshal.OffsetOf<PaddedSequence>(nameof(PaddedSequence.Value)).ToInt32());
        Assert.Equal(typeof(long), value.FieldType);
    }

    [Fact]
    public void PaddedSequence_Value_IsTheOnlyInstanceField()
    {
        FieldInfo[] fields = typeof(PaddedSequence).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        FieldInfo field = Assert.Single(fields);
        Assert.Equal(nameof(PaddedSequence.Value), field.Name);
    }

    [Fact]
    public void PaddedSequence_ValueAddress_Is128BytesIntoTheStruct()
    {
        var sequence = new PaddedSequence();

        nint byteOffset = Unsafe.ByteOffset(
            ref Unsafe.As<PaddedSequence, byte>(ref sequence),
            ref Unsafe.As<long, byte>(ref sequence.Value));

        Assert.Equal(128, (int)byteOffset);
    }

    [Fact]
    public void OmsMessage_Size_Is192Bytes_ThreeCacheLines()
    {
        // IdToken (UInt128) is 16-byte aligned: a field added before the tokens pads the struct past 192.
        Assert.Equal(192, Unsafe.SizeOf<OmsMessage>());
        Assert.Equal(32, (int)Marshal.OffsetOf<OmsMessage>(nameof(OmsMessage.ClOrdId)));
    }

    [Fact]
    public void PositionRows_IsTwoIntsInEightBytes_SoOneLineHoldsBoth()
    {
        // The order table keeps an order's two position rows in one column: a fill reads both from one line.
        Assert.Equal(8, Unsafe.SizeOf<Oms.Tables.PositionRows>());
        var rows = new Oms.Tables.PositionRows(3, 7);
        ref int first = ref Unsafe.As<Oms.Tables.PositionRows, int>(ref rows);
        Assert.Equal((3, 7), (first, Unsafe.Add(ref first, 1)));
        Assert.Equal((-1, -1), (Oms.Tables.PositionRows.None.Account, Oms.Tables.PositionRows.None.Strategy));
    }

    [Fact]
    public void MpscRing_CursorFields_ArePaddedSequences()
    {
        AssertCursorFields(typeof(MpscRing<OmsMessage>), ["_claim", "_consumedCache", "_consumed"]);
    }

    [Fact]
    public void MpscRing_Slots_LineAlignedAndPaddedAtLeast128BytesAtBothEnds()
    {
        AssertSlotArrayPadded<long>(16);
        AssertSlotArrayPadded<OmsMessage>(8);
        AssertSlotArrayPadded<PaddedSequence>(2);
    }

    [Fact]
    public void SpscQueue_Slots_LineAlignedAndPaddedAtLeast128BytesAtBothEnds()
    {
        foreach (int capacity in (int[])[2, 16])
        {
            var queue = new SpscQueue<OmsEvent>(capacity);
            AssertSlots(queue.Slots, capacity, typeof(OmsEvent).Name);
            Assert.True(Unsafe.AreSame(ref queue[0], ref queue[capacity]), "sequence capacity wraps to slot 0");
            Assert.Equal(Unsafe.SizeOf<OmsEvent>(), (int)Unsafe.ByteOffset(ref queue[0], ref queue[1]));
        }
    }

    [Fact]
    public void EventStream_Slots_LineAlignedAndPaddedAtLeast128BytesAtBothEnds()
    {
        foreach (int capacity in (int[])[2, 16])
        {
            AssertSlots(new EventStream(capacity).Slots, capacity, typeof(OmsEvent).Name);
        }
    }

    [Fact]
    public void EventStream_CursorFields_ArePaddedSequences()
    {
        AssertCursorFields(typeof(EventStream), ["_tail", "_headCache", "_head", "_expected"]);
    }

    [Fact]
    public void OmsEvent_Sequence_OnTheFirstLine()
    {
        // An event stream's consumer polls the slot's Sequence: on the event's first line, one transfer brings
        // both the news and the fields a callback reads first (kind, order, timestamps).
        Assert.Equal(EventStream.SequenceOffset, (int)Marshal.OffsetOf<OmsEvent>(nameof(OmsEvent.Sequence)));
        Assert.InRange(EventStream.SequenceOffset, 0, 56);
    }

    [Fact]
    public void OmsEvent_Size_Is192Bytes_ThreeCacheLines()
    {
        // Int128 and IdToken are 16-byte aligned: a field moved carelessly pads the struct to 208.
        Assert.Equal(192, Unsafe.SizeOf<OmsEvent>());
        Assert.Equal(192, Marshal.SizeOf<OmsEvent>());
    }

    [Fact]
    public void SpscQueue_CursorFields_ArePaddedSequences()
    {
        AssertCursorFields(typeof(SpscQueue<OmsEvent>), ["_tail", "_headCache", "_head", "_tailCache"]);
    }

    [Fact]
    public void OmsEvent_IsUnmanagedAndSizeIsMultipleOf8()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<OmsEvent>());
        int size = Unsafe.SizeOf<OmsEvent>();
        TestContext.Current.SendDiagnosticMessage($"sizeof(OmsEvent) = {size}");
        Assert.Equal(0, size % 8);
    }

    [Fact]
    public void VenueCommand_Is128Bytes_TwoWholeLinesWithoutPadding()
    {
        // At 112 bytes neighbouring commands shared lines; a field added or moved carelessly pads it, or spills.
        Assert.Equal(128, Unsafe.SizeOf<VenueCommand>());
        int fields = typeof(VenueCommand).GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Sum(f => Marshal.SizeOf(f.FieldType.IsEnum ? Enum.GetUnderlyingType(f.FieldType) : f.FieldType));
        Assert.Equal(128, fields);
        Assert.InRange((int)Marshal.OffsetOf<VenueCommand>(nameof(VenueCommand.ClOrdId)), 0, 48);
        Assert.InRange((int)Marshal.OffsetOf<VenueCommand>(nameof(VenueCommand.Sequence)), 0, 56);
    }

    [Fact]
    public void VenueCommand_IsUnmanagedAndSizeIsMultipleOf8()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<VenueCommand>());
        int size = Unsafe.SizeOf<VenueCommand>();
        TestContext.Current.SendDiagnosticMessage($"sizeof(VenueCommand) = {size}");
        Assert.Equal(0, size % 8);
    }

    [Fact]
    public void OmsMessage_IsUnmanaged()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<OmsMessage>());
    }

    private static void AssertSlotArrayPadded<T>(int capacity) where T : unmanaged
    {
        var ring = new MpscRing<T>(capacity);
        AssertSlots(ring.Slots, capacity, typeof(T).Name);
        Assert.True(Unsafe.AreSame(ref ring[0], ref ring[capacity]), "sequence capacity wraps to slot 0");
        Assert.Equal(Unsafe.SizeOf<T>(), (int)Unsafe.ByteOffset(ref ring[0], ref ring[1]));
    }

    private static void AssertSlots<T>(SlotStorage<T> slots, int capacity, string name) where T : unmanaged
    {
        Assert.True(slots.IsLineAligned, $"{name}: the first slot starts mid-line");
        Assert.True(slots.PaddingBefore >= PaddedSequence.Padding, $"{name}: {slots.PaddingBefore} bytes before the first slot");
        Assert.True(slots.PaddingAfter >= PaddedSequence.Padding, $"{name}: {slots.PaddingAfter} bytes after the last slot");
        Assert.Equal(capacity * Unsafe.SizeOf<T>(), slots.SlotBytes.Length);
    }

    private static void AssertCursorFields(Type type, string[] expected)
    {
        string[] padded = type
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(PaddedSequence))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected.Order(StringComparer.Ordinal), padded);

        // Every mutable long-valued private field (a would-be cursor) must be padded: no bare long cursors. A
        // readonly one is written once, in the constructor, and shares a line with nothing that moves.
        string[] bareLongs = type
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(long) && !f.IsInitOnly)
            .Select(f => f.Name)
            .ToArray();
        Assert.Empty(bareLongs);
    }
}
