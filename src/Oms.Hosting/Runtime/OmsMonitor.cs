using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Oms.Engine;
using Oms.Journal;

namespace Oms.Hosting;

/// <summary>
/// A low-priority thread (<c>oms-monitor</c>) that keeps the engine's side streams moving: it logs each
/// anomaly from the engine's anomaly stream (when <see cref="OmsOptions.LogAnomalies"/>), and watches the
/// journal writer, reporting it as failed when it died (a dead writer would otherwise hold the engine back
/// silently).
/// </summary>
internal sealed class OmsMonitor
{
    private static readonly TimeSpan s_stallAfter = TimeSpan.FromSeconds(5);
    private readonly OmsEngine _engine;
    private readonly JournalWriter? _journal;
    private readonly bool _logAnomalies;
    private readonly ILogger _logger;
    private readonly HostFaults _faults;
    private readonly Thread _thread;
    private volatile bool _running = true;
    private long _journalMark = long.MinValue;
    private long _journalMarkTime;

    public OmsMonitor(OmsEngine engine, JournalWriter? journal, bool logAnomalies, ILogger logger, HostFaults faults)
    {
        _engine = engine;
        _journal = journal;
        _logAnomalies = logAnomalies;
        _logger = logger;
        _faults = faults;
        _thread = new Thread(Main) { Name = "oms-monitor", IsBackground = true };
    }

    /// <summary>Anomalies read off the engine's stream (and logged).</summary>
    public long AnomaliesLogged { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Stops the thread; call after the engine has stopped so the last anomalies are logged too.</summary>
    public void Stop(Deadline deadline)
    {
        _running = false;
        _thread.Join(deadline.Remaining);
    }

    private void Main()
    {
        var idle = new BackOffIdleStrategy(0, 10, 5);
        try
        {
            while (_running)
            {
                idle.Idle(DrainAnomalies() + CheckJournal());
            }

            DrainAnomalies();
        }
        catch (Exception e)
        {
            _faults.Report("journal", e);
        }
    }

    private int DrainAnomalies()
    {
        if (!_logAnomalies)
        {
            return 0;
        }

        int n = 0;
        while (n < 256 && _engine.Anomalies.TryRead(out OmsEvent e))
        {
            n++;
            OmsLog.Anomaly(_logger, e.Reason, e.StrategyId, e.ClOrdId.ToString(), e.Status, e.InputSequence);
        }

        AnomaliesLogged += n;
        return n;
    }

    /// <summary>Reports a journal writer that has stopped advancing with its tap full: rethrows its failure, or logs the stall.</summary>
    private int CheckJournal()
    {
        if (_journal is null)
        {
            return 0;
        }

        long written = _journal.WrittenSequence;
        long now = Stopwatch.GetTimestamp();
        if (written != _journalMark || _journal.Tap.Count < _journal.Tap.Capacity)
        {
            _journalMark = written;
            _journalMarkTime = now;
            return 0;
        }

        if (Stopwatch.GetElapsedTime(_journalMarkTime, now) > s_stallAfter)
        {
            // Throws the writer's own failure when it died; a live writer is just slow.
            if (!_journal.WaitForWritten(written + 1, TimeSpan.FromMilliseconds(1)))
            {
                OmsLog.JournalStalled(_logger, (int)s_stallAfter.TotalSeconds);
            }

            _journalMarkTime = now;
        }

        return 0;
    }
}
