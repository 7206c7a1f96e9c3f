using System.Text;
using Oms.Domain;

namespace Oms.Fix.Tests.Support;

/// <summary>Seeded random field values for round-trip properties.</summary>
public sealed class RandomFields(int seed)
{
    private const string IdChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/=#+ é日";

    public static readonly (string Symbol, int PriceScale, int QuantityScale)[] Symbols =
        [("AAPL", 2, 0), ("EURUSD", 5, 2), ("BTC-USD", 8, 8), ("ES", 2, 0), ("CL", 4, 0)];

    private static readonly ExecType[] s_execTypes = [.. Enum.GetValues<ExecType>().Where(e => e != ExecType.None)];
    private static readonly OrderStatus[] s_statuses =
        [.. Enum.GetValues<OrderStatus>().Where(s => s is not (OrderStatus.None or OrderStatus.Denied))];
    private static readonly TimeInForce[] s_tifs = [0, .. Enum.GetValues<TimeInForce>()];

    public Random Random { get; } = new(seed);

    public byte[] Id(bool optional = false)
    {
        if (optional && Random.Next(3) == 0)
        {
            return [];
        }

        var sb = new StringBuilder();
        int length = 1 + Random.Next(30);
        for (int i = 0; i < length; i++)
        {
            sb.Append(IdChars[Random.Next(IdChars.Length)]);
        }

        return Encoding.UTF8.GetBytes(sb.ToString().Trim() is { Length: > 0 } s ? s : "X");
    }

    /// <summary>One of a few accounts (the tables are small), or none.</summary>
    public byte[] Account() => Encoding.UTF8.GetBytes(new[] { "", "ACC1", "desk/β", "a=b" }[Random.Next(4)]);

    public (string Symbol, int PriceScale, int QuantityScale) Symbol() => Symbols[Random.Next(Symbols.Length)];

    public Side AnySide() => Random.Next(2) == 0 ? Side.Buy : Side.Sell;

    public OrderType AnyOrderType() => (OrderType)"1234"[Random.Next(4)];

    public TimeInForce AnyTimeInForce() => s_tifs[Random.Next(s_tifs.Length)];

    public ExecType AnyExecType() => s_execTypes[Random.Next(s_execTypes.Length)];

    public OrderStatus AnyOrdStatus() => s_statuses[Random.Next(s_statuses.Length)];

    public FixSeparator AnySeparator() => (FixSeparator)Random.Next(3);

    /// <summary>A non-negative raw value, often small, sometimes huge.</summary>
    public long Quantity() => Random.Next(4) switch
    {
        0 => 0,
        1 => Random.NextInt64(1, 1_000),
        2 => Random.NextInt64(1, 10_000_000_000),
        _ => Random.NextInt64(0, long.MaxValue),
    };

    /// <summary>A signed raw value.</summary>
    public long Price() => Random.Next(5) switch
    {
        0 => 0,
        1 => -Quantity(),
        _ => Quantity(),
    };

    /// <summary>Nanoseconds between 1970 and 2100.</summary>
    public long Time() => Random.NextInt64(0, 4_102_444_800_000_000_000);

    public long OptionalTime() => Random.Next(3) == 0 ? 0 : Time();

    public byte? Reason() => Random.Next(3) == 0 ? null : (byte)Random.Next(256);

    public byte[] Text() => Random.Next(2) == 0 ? [] : Encoding.UTF8.GetBytes("text = " + Random.Next());
}
