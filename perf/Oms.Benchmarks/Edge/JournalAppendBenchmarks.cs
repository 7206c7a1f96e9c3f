using BenchmarkDotNet.Attributes;
using Oms.Engine;
using Oms.Journal;
using Oms.Reference;
using Oms.Ring;

namespace Oms.Benchmarks.Edge;

// Regime: journal append. EncodeRecord = one record framed in place on the benchmark thread (sequence,
// marker, the 192-byte message copied, CRC-32C over it): the writer thread's CPU cost per record.
// TapAndWrite = what the engine thread pays (claim a tap slot, copy the message, commit) plus the writer
// thread draining the tap and appending to a file on /tmp with durability None (no fsync), measured end to end
// for 4,096 records per invocation: the operation ends when the writer's written watermark reaches the last
// sequence. The messages are a generated mixed stream (StreamGenerator seed 42).
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int Records = 4_096;

    private OmsMessage[] _messages = null!;
    private byte[] _record = null!;
    private string _path = null!;
    private JournalWriter _writer = null!;
    private SpscQueue<JournalEntry> _tap = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _messages = new StreamGenerator(42).Generate(Records);
        _record = new byte[JournalFormat.RecordSize];
        _path = Path.Combine(Path.GetTempPath(), $"oms-bench-{Environment.ProcessId}.journal");
        File.Delete(_path);
        _writer = new JournalWriter(_path, 0, new JournalWriterOptions { Durability = JournalDurability.None });
        _tap = _writer.Tap;
        _writer.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        File.Delete(_path);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int EncodeRecord()
    {
        int sum = 0;
        for (int i = 0; i < Records; i++)
        {
            JournalFormat.WriteRecord(_record, i, in _messages[i]);
            sum += _record[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long TapAndWrite()
    {
        SpscQueue<JournalEntry> tap = _tap;
        for (int i = 0; i < Records; i++)
        {
            long slot;
            while (!tap.TryClaim(out slot))
            {
                Thread.SpinWait(8);
            }

            ref JournalEntry entry = ref tap[slot];
            entry.Sequence = _sequence++;
            entry.Message = _messages[i];
            tap.Commit(slot);
        }

        if (!_writer.WaitForWritten(_sequence - 1, TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("the journal writer did not keep up within 30 s");
        }

        return _writer.WrittenSequence;
    }
}
