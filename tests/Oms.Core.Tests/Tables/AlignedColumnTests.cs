using System.Reflection;
using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

/// <summary>
/// The order table's line-aligned columns: the first element on a 64-byte boundary whatever the allocator gives,
/// elements zeroed and distinct, indexes checked; and every such column of the table aligned, with an element
/// size that divides a line (docs/decisions/0010-order-row-records.md).
/// </summary>
public sealed class AlignedColumnTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(1_000, false)]
    [InlineData(300_000, true)] // 4.6 MiB: advised for huge pages
    public void New_AnyLength_EveryColumnStartsOnALine_Zeroed(int length, bool hugePages)
    {
        long advised = 0;
        // Several in a row: the allocator's own alignment (a multiple of 8) would put most of them mid-line.
        for (int i = 0; i < 8; i++)
        {
            var tokens = new AlignedColumn<IdToken>(length, hugePages, ref advised);
            var quantities = new AlignedColumn<OrderQuantities>(length, hugePages, ref advised);
            var flags = new AlignedColumn<OrderFlags>(length, hugePages, ref advised);

            Assert.True(tokens.IsLineAligned, $"token column {i}");
            Assert.True(quantities.IsLineAligned, $"quantity column {i}");
            Assert.True(flags.IsLineAligned, $"flag column {i}");
            Assert.Equal(length, tokens.Length);
            Assert.True(tokens[length - 1].IsNone && quantities[length - 1].CumQty == 0 && flags[length - 1].Status == OrderStatus.None);
        }
    }

    [Fact]
    public void Indexer_EveryElementIsItsOwn_LastOneInsideTheBlock()
    {
        long advised = 0;
        const int Length = 4_097;
        var column = new AlignedColumn<OrderQuantities>(Length, hugePages: false, ref advised);
        for (int i = 0; i < Length; i++)
        {
            column[i] = new OrderQuantities { OrderQty = i, CumQty = -i };
        }

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(i, column[i].OrderQty);
            Assert.Equal(-i, column[i].CumQty);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(int.MaxValue)]
    public void Indexer_OutOfRange_Throws(int index)
    {
        long advised = 0;
        var column = new AlignedColumn<Int128>(10, hugePages: false, ref advised);

        Assert.Throws<ArgumentOutOfRangeException>(() => column[index]);
    }

    [Fact]
    public void OrderTable_EveryAlignedColumn_StartsOnALine_ElementsWithinOneLine()
    {
        var table = new OrderTable(capacity: 5_000, maxClOrdIds: 10_000);
        FieldInfo[] columns = typeof(OrderTable).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(AlignedColumn<>))
            .ToArray();

        Assert.Equal(
            ["ClOrdId", "Flags", "Notional", "Quantities", "VenueOrderId"],
            columns.Select(f => f.Name).Order().ToArray());
        foreach (FieldInfo column in columns)
        {
            object value = column.GetValue(table)!;
            bool aligned = (bool)column.FieldType.GetProperty("IsLineAligned", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(value)!;
            int size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(column.FieldType.GetGenericArguments()[0]).Invoke(null, null)!;
            Assert.True(aligned, column.Name);
            Assert.True(64 % size == 0, $"{column.Name}: a {size}-byte element would span two lines");
        }
    }

    [Fact]
    public void OrderRecords_Sizes_AreEightAndSixteenBytes()
    {
        // A field added to either record must keep it a divisor of 64 (and, being read by every report, worth the space).
        Assert.Equal(8, Unsafe.SizeOf<OrderFlags>());
        Assert.Equal(16, Unsafe.SizeOf<OrderQuantities>());
    }
}
