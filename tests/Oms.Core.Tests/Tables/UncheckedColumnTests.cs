using System.Reflection;
using System.Runtime.CompilerServices;
using Oms.Domain;
using Oms.Tables;

namespace Oms.Tests.Tables;

/// <summary>
/// The order table's unchecked columns: the first element on a 64-byte boundary whatever the allocator gives,
/// elements zeroed and distinct, ranges checked in tests; and exactly the five report-path columns of the table
/// are unchecked, each with an element size that divides a line (docs/decisions/0011-unchecked-report-columns.md).
/// </summary>
public sealed class UncheckedColumnTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(1_000, false)]
    [InlineData(300_000, true)] // 4.6 MiB: advised for huge pages
    public void New_AnyLength_StartsOnALine_Zeroed(int length, bool hugePages)
    {
        long advised = 0;
        // Several in a row: the allocator's own alignment (a multiple of 8) would put most of them mid-line.
        for (int i = 0; i < 8; i++)
        {
            var tokens = new UncheckedColumn<IdToken>(length, hugePages, ref advised);
            var quantities = new UncheckedColumn<OrderQuantities>(length, hugePages, ref advised);
            var flags = new UncheckedColumn<OrderFlags>(length, hugePages, ref advised);

            Assert.True(tokens.IsLineAligned, $"token column {i}");
            Assert.True(quantities.IsLineAligned, $"quantity column {i}");
            Assert.True(flags.IsLineAligned, $"flag column {i}");
            Assert.Equal(length, tokens.Length);
            Assert.True(tokens[length - 1].IsNone && quantities[length - 1].CumQty == 0 && flags[length - 1].Status == OrderStatus.None);
        }
    }

    [Fact]
    public void Indexer_EveryElementIsItsOwn()
    {
        long advised = 0;
        const int Length = 4_097;
        var column = new UncheckedColumn<OrderQuantities>(Length, hugePages: false, ref advised);
        var neighbour = new UncheckedColumn<OrderQuantities>(Length, hugePages: false, ref advised);
        for (int i = 0; i < Length; i++)
        {
            column[i] = new OrderQuantities { OrderQty = i, CumQty = -i };
        }

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(i, column[i].OrderQty);
            Assert.Equal(-i, column[i].CumQty);
            Assert.Equal(0, neighbour[i].OrderQty);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(int.MaxValue)]
    public void Indexer_OutOfRange_ThrowsInTests(int index)
    {
        // The test projects turn the release-build range checks on (Directory.Build.props): a wrong row number
        // anywhere in the engine's tests fails here rather than writing past the block.
        Assert.True(Checks.Enabled, "the test runtimeconfig must turn Oms.Checks on");
        long advised = 0;
        var column = new UncheckedColumn<Int128>(10, hugePages: false, ref advised);

        Assert.Throws<ArgumentOutOfRangeException>(() => column[index]);
    }

    [Fact]
    public void OrderTable_UncheckedColumns_AreTheFiveReportColumns_OnALine_ElementsWithinOneLine()
    {
        var table = new OrderTable(capacity: 5_000, maxClOrdIds: 10_000);
        FieldInfo[] columns = typeof(OrderTable).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(UncheckedColumn<>))
            .ToArray();

        // A column added here is one more place where a wrong row number corrupts memory instead of throwing:
        // it needs the decision's measurement and review, not a drive-by change.
        Assert.Equal(
            ["ClOrdId", "Flags", "Notional", "Quantities", "VenueOrderId"],
            columns.Select(f => f.Name).Order().ToArray());
        foreach (FieldInfo column in columns)
        {
            object value = column.GetValue(table)!;
            Type type = column.FieldType;
            bool aligned = (bool)type.GetProperty("IsLineAligned", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(value)!;
            int length = (int)type.GetProperty("Length")!.GetValue(value)!;
            int size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type.GetGenericArguments()[0]).Invoke(null, null)!;
            Assert.True(aligned, column.Name);
            Assert.Equal(5_000, length);
            Assert.True(64 % size == 0, $"{column.Name}: a {size}-byte element would span two lines");
        }
    }
}
