using System.Text;
using BenchmarkDotNet.Attributes;
using Oms.Domain;
using Oms.Engine;
using Oms.Fix;

namespace Oms.Benchmarks.Edge;

// Regime: one operation = one FIX 4.4 ExecutionReport (35=8, a partial fill with 17 body fields, SOH
// separators, BodyLength and CheckSum present and verified) parsed from a byte span on the benchmark thread;
// Translate adds the translation into a ring message (ids tokenised, account and symbol looked up in tables
// that already hold them, decimals scaled). 1,024 distinct lines (different ExecIDs and quantities) are
// cycled, so ids are not cached between operations. This is the gateway thread's cost per report, before the ring.
[MemoryDiagnoser]
public class FixParseBenchmarks
{
    private const int Lines = 1_024;

    private byte[][] _lines = null!;
    private FixParser _parser = null!;
    private FixTranslator _translator = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _lines = new byte[Lines][];
        for (int i = 0; i < Lines; i++)
        {
            string body = "35=8\u000149=VENUE\u000156=BUYSIDE\u000134=" + (i + 7) + "\u000152=20261125-13:30:00.123\u0001" +
                "37=V-" + i + "\u000111=ORD-" + i + "\u000117=EX-" + i + "\u0001150=F\u000139=1\u000155=AAPL\u000154=1\u000138=100\u0001" +
                "44=187.25\u000132=" + (1 + (i % 40)) + "\u000131=187.2\u0001151=60\u000114=40\u00016=187.2\u0001" +
                "60=20261125-13:30:00.456789\u0001";
            _lines[i] = Frame(body);
        }

        var accounts = new NameTable(16);
        var instruments = new InstrumentDirectory(16);
        instruments.TryAdd("AAPL", priceScale: 4, quantityScale: 0, out _, out _);
        _parser = new FixParser();
        _translator = new FixTranslator(accounts, instruments, new FixTranslatorOptions());
        if (Translate() == 0)
        {
            throw new InvalidOperationException("the sample report did not translate");
        }
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int Parse()
    {
        int ok = 0;
        for (int i = 0; i < Lines; i++)
        {
            ok += _parser.TryParse(_lines[(_next + i) & (Lines - 1)], out _, out _) ? 1 : 0;
        }

        _next++;
        return ok;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long Translate()
    {
        long sum = 0;
        for (int i = 0; i < Lines; i++)
        {
            if (_parser.TryParse(_lines[(_next + i) & (Lines - 1)], out FixMessage fix, out _)
                && _translator.Translate(in fix, out OmsMessage m, out _) == FixTranslateResult.EngineMessage)
            {
                sum += m.LastQty;
            }
        }

        _next++;
        return sum;
    }

    private static byte[] Frame(string body)
    {
        string head = "8=FIX.4.4\u00019=" + Encoding.ASCII.GetByteCount(body) + "\u0001";
        int checksum = Encoding.ASCII.GetBytes(head + body).Sum(b => b) % 256;
        return Encoding.ASCII.GetBytes(head + body + "10=" + checksum.ToString("D3") + "\u0001");
    }
}
