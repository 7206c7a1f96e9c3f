using System.Diagnostics;
using Oms.Engine;
using Oms.Ring;

namespace Oms.Journal;

/// <summary>When the journal forces its writes to the disk.</summary>
public enum JournalDurability : byte
{
    /// <summary>Never fsync: records reach the OS page cache; a machine crash can lose them (a process crash cannot).</summary>
    None,
    /// <summary>fsync after each batch the writer drains (up to <see cref="JournalWriterOptions.BatchRecords"/> records).</summary>
    Batched,
    /// <summary>fsync after every record: the slowest, and the smallest window of loss.</summary>
    PerRecord,
}

/// <summary>Settings of a <see cref="JournalWriter"/>.</summary>
public sealed class JournalWriterOptions
{
    /// <summary>When writes are forced to disk.</summary>
    public JournalDurability Durability { get; set; } = JournalDurability.Batched;
    /// <summary>Most records written (and, when batched, fsynced) at once.</summary>
    public int BatchRecords { get; set; } = 256;
    /// <summary>Slots of the engine → writer tap (a power of two). A full tap holds the engine back.</summary>
    public int TapCapacity { get; set; } = 65_536;
}

/// <summary>
/// Appends the engine's inputs to a journal file on a thread of its own, so the engine thread never waits
/// on the disk. The engine copies each applied message into <see cref="Tap"/> (see
/// <see cref="OmsEngine.AttachInputTap"/>); this writer drains it in batches, encodes records into a
/// preallocated buffer, writes them and fsyncs per <see cref="JournalDurability"/>.
/// </summary>
/// <remarks>
/// <para>Watermarks: <see cref="WrittenSequence"/> is the last sequence handed to the OS;
/// <see cref="DurableSequence"/> the last one fsynced (−1 before any). A record at or under the durable
/// watermark survives a machine crash; one under the written watermark survives a process crash.</para>
/// <para>Threading: construct, then <see cref="Start"/>; <see cref="Dispose"/> drains what the engine has
/// tapped, fsyncs and closes. The watermarks may be read from any thread. The writer thread allocates
/// nothing per record.</para>
/// </remarks>
public sealed class JournalWriter : IDisposable
{
    private readonly JournalWriterOptions _options;
    private readonly FileStream _file;
    private readonly byte[] _buffer;
    private readonly Thread _thread;
    private long _nextSequence;
    private long _written = -1;
    private long _durable = -1;
    private volatile bool _stop;
    private Exception? _fault;

    /// <summary>
    /// Opens <paramref name="path"/> for appending: a new journal starting at <paramref name="firstSequence"/>,
    /// or an existing one (read and, if its tail is torn or damaged, truncated to its last good record) whose
    /// next record must then be <paramref name="firstSequence"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The existing journal does not continue at <paramref name="firstSequence"/>, or is not a journal.</exception>
    public JournalWriter(string path, long firstSequence, JournalWriterOptions? options = null)
    {
        _options = options ?? new JournalWriterOptions();
        Tap = new SpscQueue<JournalEntry>(_options.TapCapacity);
        _buffer = new byte[Math.Max(JournalFormat.HeaderSize, _options.BatchRecords * JournalFormat.RecordSize)];
        // Read, check, and only then cut a torn tail: a journal that is refused is left as it was found.
        Recovery = File.Exists(path) && new FileInfo(path).Length > 0 ? JournalReader.Read(path) : null;
        if (Recovery is not null)
        {
            if (Recovery.Fault == JournalFault.BadHeader)
            {
                throw new InvalidDataException($"{path}: {Recovery.Detail}");
            }

            JournalReader.ThrowIfDamagedInside(path, Recovery);
            if (Recovery.NextSequence != firstSequence)
            {
                throw new InvalidDataException($"{path}: the journal continues at sequence {Recovery.NextSequence}, not {firstSequence}");
            }

            JournalReader.TruncateTornTail(path, Recovery);
        }

        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        if (Recovery is null)
        {
            JournalFormat.WriteHeader(_buffer, firstSequence);
            _file.Write(_buffer, 0, JournalFormat.HeaderSize);
            _file.Flush(flushToDisk: true);
        }
        else
        {
            _file.Seek(0, SeekOrigin.End);
        }

        _nextSequence = firstSequence;
        _written = _durable = firstSequence - 1;
        _thread = new Thread(Run) { Name = "oms-journal", IsBackground = true };
    }

    /// <summary>The tap to attach to the engine (<see cref="OmsEngine.AttachInputTap"/>).</summary>
    public SpscQueue<JournalEntry> Tap { get; }

    /// <summary>What opening an existing journal found (null for a new file).</summary>
    public JournalReadResult? Recovery { get; }

    /// <summary>The last sequence written to the OS (survives a process crash).</summary>
    public long WrittenSequence => Volatile.Read(ref _written);

    /// <summary>The last sequence forced to disk (survives a machine crash); with <see cref="JournalDurability.None"/> it stays where it started.</summary>
    public long DurableSequence => Volatile.Read(ref _durable);

    /// <summary>Bytes the writer thread allocated after its first batch (0 expected; exposed for tests).</summary>
    public long SteadyStateAllocatedBytes { get; private set; }

    /// <summary>Starts the writer thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Waits until <paramref name="sequence"/> is written to the OS; false on timeout. Rethrows a writer failure.</summary>
    public bool WaitForWritten(long sequence, TimeSpan timeout) => WaitFor(ref _written, sequence, timeout);

    /// <summary>
    /// Waits until <paramref name="sequence"/> is forced to disk; false on timeout (always, with
    /// <see cref="JournalDurability.None"/>, until <see cref="Dispose"/>). Rethrows a writer failure.
    /// </summary>
    public bool WaitForDurable(long sequence, TimeSpan timeout) => WaitFor(ref _durable, sequence, timeout);

    private bool WaitFor(ref long watermark, long sequence, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Volatile.Read(ref watermark) < sequence)
        {
            if (_fault is not null)
            {
                throw new IOException("the journal writer failed", _fault);
            }

            if (sw.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>
    /// Stops the writer after it has drained the tap, fsyncs and closes the file. A writer never started drains
    /// the tap on the calling thread: what the engine applied is written either way.
    /// </summary>
    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
        else if (_thread.ThreadState.HasFlag(System.Threading.ThreadState.Unstarted) && _fault is null)
        {
            try
            {
                while (DrainBatch() > 0)
                {
                }
            }
            catch (Exception e)
            {
                _fault = e;
            }
        }

        _file.Flush(flushToDisk: true);
        Volatile.Write(ref _durable, _written);
        _file.Dispose();
        if (_fault is not null)
        {
            throw new IOException("the journal writer failed", _fault);
        }
    }

    private void Run()
    {
        try
        {
            var spin = new SpinWait();
            long baseline = -1;
            while (true)
            {
                int n = DrainBatch();
                if (n == 0)
                {
                    if (_stop && Tap.Count == 0)
                    {
                        break;
                    }

                    spin.SpinOnce();
                    continue;
                }

                spin.Reset();
                if (baseline < 0)
                {
                    baseline = GC.GetAllocatedBytesForCurrentThread();
                }
            }

            SteadyStateAllocatedBytes = baseline < 0 ? 0 : GC.GetAllocatedBytesForCurrentThread() - baseline;
        }
        catch (Exception e)
        {
            // A failing journal must be loud: the host checks WaitForWritten/Dispose, which rethrow.
            _fault = e;
        }
    }

    /// <summary>Writes up to one batch of tapped records; returns how many.</summary>
    private int DrainBatch()
    {
        int size = JournalFormat.RecordSize;
        bool perRecord = _options.Durability == JournalDurability.PerRecord;
        int drained = 0;
        int buffered = 0;
        while (drained < _options.BatchRecords && Tap.TryRead(out JournalEntry entry))
        {
            if (entry.Sequence != _nextSequence)
            {
                throw new InvalidDataException($"the engine tapped sequence {entry.Sequence}, the journal expected {_nextSequence}");
            }

            JournalFormat.WriteRecord(_buffer.AsSpan(buffered * size, size), entry.Sequence, in entry.Message);
            _nextSequence++;
            drained++;
            buffered++;
            if (perRecord)
            {
                Commit(buffered);
                buffered = 0;
            }
        }

        if (buffered > 0)
        {
            Commit(buffered);
        }

        return drained;
    }

    private void Commit(int records)
    {
        _file.Write(_buffer.AsSpan(0, records * JournalFormat.RecordSize));
        long last = _nextSequence - 1;
        Volatile.Write(ref _written, last);
        if (_options.Durability != JournalDurability.None)
        {
            _file.Flush(flushToDisk: true);
            Volatile.Write(ref _durable, last);
        }
    }
}
