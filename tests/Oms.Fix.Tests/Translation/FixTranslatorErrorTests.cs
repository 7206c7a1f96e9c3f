using Oms.Domain;
using Oms.Engine;
using Oms.Fix.Tests.Support;

namespace Oms.Fix.Tests.Translation;

public sealed class FixTranslatorErrorTests
{
    private readonly TranslatorFixture _f = new();

    public static TheoryData<string, int, string, FixErrorCode> BadValues() => new()
    {
        { Samples.NewOrderSingle, FixTag.OrderQty, "abc", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.OrderQty, "-5", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.OrderQty, "1.5", FixErrorCode.TooManyDecimals },
        { Samples.NewOrderSingle, FixTag.OrderQty, "99999999999999999999", FixErrorCode.ValueOutOfRange },
        { Samples.NewOrderSingle, FixTag.Price, "187.255", FixErrorCode.TooManyDecimals },
        { Samples.NewOrderSingle, FixTag.Price, "1,5", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.Side, "7", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.Side, "12", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.OrdType, "P", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.TimeInForce, "8", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.TransactTime, "yesterday", FixErrorCode.BadValue },
        { Samples.NewOrderSingle, FixTag.ExpireTime, "20261131-00:00:00", FixErrorCode.BadValue },
        { Samples.OrderCancelRequest, FixTag.Side, "X", FixErrorCode.BadValue },
        { Samples.OrderCancelReplaceRequest, FixTag.OrderQty, "-1", FixErrorCode.BadValue },
        { Samples.OrderCancelReplaceRequest, FixTag.StopPx, "1.001", FixErrorCode.TooManyDecimals },
        { Samples.ExecutionReport, FixTag.ExecType, "1", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.OrdStatus, "F", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.OrdStatus, "z", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.LastQty, "-40", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.CumQty, "x", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.LeavesQty, "1.5", FixErrorCode.TooManyDecimals },
        { Samples.ExecutionReport, FixTag.Commission, "0.001", FixErrorCode.TooManyDecimals },
        { Samples.ExecutionReport, FixTag.CommType, "1", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.OrdRejReason, "300", FixErrorCode.BadValue },
        { Samples.ExecutionReport, FixTag.SendingTime, "bad", FixErrorCode.None },   // TransactTime wins
        { Samples.OrderCancelReject, FixTag.CxlRejResponseTo, "3", FixErrorCode.BadValue },
        { Samples.OrderCancelReject, FixTag.CxlRejReason, "x", FixErrorCode.BadValue },
        { Samples.OrderCancelReject, FixTag.OrdStatus, "Z", FixErrorCode.BadValue },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Translate_BadValue_ErrorNamesTheTagAndNoMessage(string body, int tag, string value, FixErrorCode code)
    {
        FixTranslateResult result = _f.Translate(Samples.With(body, tag, value), out OmsMessage m, out FixError error);

        if (code == FixErrorCode.None)
        {
            Assert.Equal(FixTranslateResult.EngineMessage, result);
            return;
        }

        Assert.Equal(FixTranslateResult.Error, result);
        Assert.Equal(new FixError(code, tag), error);
        Assert.Equal(default, m);
    }

    [Theory]
    [InlineData(FixTag.LastPx, "-3.5", -350)]
    [InlineData(FixTag.AvgPx, "-3.5", -350)]
    [InlineData(FixTag.Price, "-0.01", -1)]
    [InlineData(FixTag.Commission, "-0.25", -25)]
    public void Translate_NegativePriceOrFee_Allowed(int tag, string value, long raw)
    {
        Assert.Equal(FixTranslateResult.EngineMessage, _f.Translate(Samples.With(Samples.ExecutionReport, tag, value), out OmsMessage m, out _));
        long actual = tag switch { FixTag.LastPx => m.LastPx, FixTag.AvgPx => m.AvgPx, FixTag.Price => m.Price, _ => m.Fee };
        Assert.Equal(raw, actual);
    }

    [Fact]
    public void Translate_TwoBadValues_ReportsTheFirstRead()
    {
        string body = Samples.With(Samples.With(Samples.NewOrderSingle, FixTag.OrderQty, "x"), FixTag.Price, "y");
        _f.Translate(body, out _, out FixError error);
        Assert.Equal(new FixError(FixErrorCode.BadValue, FixTag.OrderQty), error);
    }

    [Fact]
    public void Translate_UnknownSymbol_AddedWithTheOptionsDefaultScales()
    {
        var f = new TranslatorFixture(new FixTranslatorOptions { DefaultPriceScale = 6, DefaultQuantityScale = 2 });
        string body = Samples.With(Samples.With(Samples.With(Samples.NewOrderSingle, FixTag.Symbol, "MSFT"), FixTag.Price, "1.000001"),
            FixTag.OrderQty, "2.5");

        Assert.Equal(FixTranslateResult.EngineMessage, f.Translate(body, out OmsMessage m, out _));
        Assert.True(f.Instruments.TryGet("MSFT", out InstrumentSpec spec));
        Assert.Equal((6, 2), (spec.PriceScale, spec.QuantityScale));
        Assert.Equal(spec.Id, m.InstrumentId);
        Assert.Equal(1_000_001, m.Price);
        Assert.Equal(250, m.OrderQty);
    }

    [Fact]
    public void Translate_SameAccountFromTwoTranslators_SameId()
    {
        var other = new FixTranslator(_f.Accounts, _f.Instruments, new FixTranslatorOptions());
        _f.Translate(Samples.With(Samples.NewOrderSingle, FixTag.Account, "B"), out _, out _);
        _f.Translate(Samples.NewOrderSingle, out OmsMessage a, out _);
        Assert.True(_f.Parser.TryParse(FixLines.Build(Samples.NewOrderSingle), out FixMessage fix, out _));
        other.Translate(in fix, out OmsMessage b, out _);

        Assert.Equal(2, a.AccountId);
        Assert.Equal(a.AccountId, b.AccountId);
        Assert.Equal("ACC1", _f.Accounts.NameOf(a.AccountId));
    }

    [Fact]
    public void Translate_AccountTableFull_AccountTableFullNoMessage()
    {
        var f = new TranslatorFixture(accounts: 1);
        f.Accounts.TryIntern("FIRST", out _);

        Assert.Equal(FixTranslateResult.Error, f.Translate(Samples.NewOrderSingle, out OmsMessage m, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.AccountTableFull, FixTag.Account), error);
        Assert.Equal(default, m);
    }

    [Fact]
    public void Translate_InstrumentDirectoryFull_InstrumentTableFullNoMessage()
    {
        var f = new TranslatorFixture(instruments: 1);

        Assert.Equal(FixTranslateResult.Error,
            f.Translate(Samples.With(Samples.NewOrderSingle, FixTag.Symbol, "MSFT"), out OmsMessage m, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.InstrumentTableFull, FixTag.Symbol), error);
        Assert.Equal(default, m);
    }

    [Theory]
    [InlineData(Samples.ExecutionReport)]
    [InlineData(Samples.OrderCancelReplaceRequest)]
    public void Translate_ReportOrReplaceNamingAnUnknownSymbol_UnknownSymbolNothingAdded(string body)
    {
        Assert.Equal(FixTranslateResult.Error, _f.Translate(Samples.With(body, FixTag.Symbol, "MSFT"), out OmsMessage m, out FixError error));

        Assert.Equal(new FixError(FixErrorCode.UnknownSymbol, FixTag.Symbol), error);
        Assert.Equal(default, m);
        Assert.False(_f.Instruments.TryGet("MSFT", out _));
        Assert.Equal(1, _f.Instruments.Count);
    }

    [Fact]
    public void Translate_AccountNotUtf8_BadValue()
    {
        byte[] line = FixLines.Build(Samples.With(Samples.NewOrderSingle, FixTag.Account, "A\u00FF"), encoding: System.Text.Encoding.Latin1);

        Assert.Equal(FixTranslateResult.Error, _f.TranslateLine(line, out _, out FixError error));
        Assert.Equal(new FixError(FixErrorCode.BadValue, FixTag.Account), error);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        var a = new NameTable(1);
        var i = new InstrumentDirectory(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixTranslator(a, i, new FixTranslatorOptions { VenueId = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixTranslator(a, i, new FixTranslatorOptions { DefaultStrategyId = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixTranslator(a, i, new FixTranslatorOptions { DefaultPriceScale = 10 }));
    }
}
