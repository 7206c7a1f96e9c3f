using Oms.Domain;
using Oms.Engine;

namespace Oms.Fix.Tests.Support;

/// <summary>A parser and a translator over small shared tables; AAPL is known at price scale 2, quantity scale 0.</summary>
public sealed class TranslatorFixture
{
    public TranslatorFixture(FixTranslatorOptions? options = null, int accounts = 16, int instruments = 16)
    {
        Accounts = new NameTable(accounts);
        Instruments = new InstrumentDirectory(instruments);
        Aapl = Instruments.Add("AAPL", 2, 0);
        Translator = new FixTranslator(Accounts, Instruments, options ?? new FixTranslatorOptions { VenueId = 2, DefaultStrategyId = 3 });
    }

    public NameTable Accounts { get; }

    public InstrumentDirectory Instruments { get; }

    public InstrumentSpec Aapl { get; }

    public FixParser Parser { get; } = new();

    public FixTranslator Translator { get; }

    /// <summary>Builds, parses (which must succeed) and translates a '|'-separated body.</summary>
    public FixTranslateResult Translate(string body, out OmsMessage message, out FixError error) =>
        TranslateLine(FixLines.Build(body), out message, out error);

    public FixTranslateResult TranslateLine(byte[] line, out OmsMessage message, out FixError error)
    {
        Assert.True(Parser.TryParse(line, out FixMessage fix, out FixError parseError), $"{parseError}: {FixLines.Show(line)}");
        return Translator.Translate(in fix, out message, out error);
    }

    public static long Time(string text)
    {
        Assert.True(FixTimestamp.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out long nanos));
        return nanos;
    }

    public static IdToken Id(string text) => IdToken.FromString(text);
}
