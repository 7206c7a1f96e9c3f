using Oms.Engine;

namespace Oms.Hosting;

internal sealed partial class OmsEngineService
{
    /// <summary>The least time a thread being stopped gets, even when the stop timeout is spent.</summary>
    private static readonly TimeSpan s_joinGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The graceful stop, in order: (1) stop accepting (strategies get OnStopping; new orders and replaces are
    /// refused, cancels still pass, then nothing passes); (2) drain until the ring is empty, the gateways have
    /// sent every queued command and hold nothing due, and nothing moves any more; (3) stop the gateways, then the
    /// engine thread after a final drain of the ring; (4) let each strategy take every remaining event;
    /// (5) flush and close the journal. Steps 1–4 share <see cref="OmsOptions.StopTimeout"/>; after a component
    /// failure the drain is skipped (the rest still runs).
    /// </summary>
    private void Stop()
    {
        _runtime.SetState(OmsRuntimeState.Stopping);
        OmsLog.Stopping(logger);
        var deadline = Deadline.After(_options.StopTimeout);

        _gate.BeginStopping();
        WaitForStrategiesToStop(deadline);
        _gate.Close();

        bool drained = _runtime.Fault is null && WaitUntilSettled(deadline);
        if (!drained && _runtime.Fault is null)
        {
            OmsLog.DrainTimedOut(logger, _engine.Inbound.Depth, QueuedVenueCommands());
        }

        Deadline joins = deadline.AtLeast(s_joinGrace);
        foreach (GatewayRunner g in _gateways)
        {
            if (!g.Stop(joins))
            {
                OmsLog.GatewayStopSlow(logger, g.VenueId);
            }
        }

        bool engineStopped = _engineRunner!.Stop(joins);
        if (!engineStopped || _engineRunner.FinalDrainIncomplete)
        {
            OmsLog.EngineStopSlow(logger, _engine.Inbound.Depth);
        }

        // Only once the engine thread has ended may this thread read where each strategy's stream ends.
        bool delivered = FinishStrategies(joins, engineStopped);
        _monitor!.Stop(joins);
        CloseJournal();
        Summarize(drained && delivered && engineStopped && !_engineRunner.FinalDrainIncomplete, engineStopped && !_engineRunner.Faulted);
    }

    private void WaitForStrategiesToStop(Deadline deadline)
    {
        foreach (StrategyRunner s in _strategies)
        {
            while (!s.Status.StopAcknowledged && s.Status.Fault is null && !deadline.Expired)
            {
                Thread.Sleep(1);
            }

            if (!s.Status.StopAcknowledged && s.Status.Fault is null)
            {
                OmsLog.StrategyStopSlow(logger, s.Status.StrategyId, s.Status.Name);
            }
        }
    }

    /// <summary>
    /// True once nothing is in the ring, every running gateway's queue is empty, every gateway was idle with
    /// nothing pending, and neither the engine nor any gateway has done work across three checks in a row.
    /// </summary>
    private bool WaitUntilSettled(Deadline deadline)
    {
        long lastProgress = -1;
        int stableChecks = 0;
        while (!deadline.Expired && _runtime.Fault is null)
        {
            long progress = _engine.Counters.Messages;
            bool quiet = _engine.Inbound.Depth == 0;
            foreach (GatewayRunner g in _gateways)
            {
                progress += g.WorkDone;
                quiet &= g.IsQuiet && _engine.VenueQueue(g.VenueId).Count == 0;
            }

            stableChecks = quiet && progress == lastProgress ? stableChecks + 1 : 0;
            if (stableChecks >= 3)
            {
                return true;
            }

            lastProgress = progress;
            Thread.Sleep(1);
        }

        return false;
    }

    /// <summary>
    /// Lets each strategy take the rest of its stream, telling it where the engine's numbering of that stream ended
    /// (when the engine thread has ended), so events dropped at its end count as missed. True when every strategy
    /// ended in time, without a fault, having missed no event.
    /// </summary>
    private bool FinishStrategies(Deadline deadline, bool engineEnded)
    {
        bool all = true;
        foreach (StrategyRunner s in _strategies)
        {
            long streamEnd = engineEnded ? _engine.StrategyEventSequence(s.Status.StrategyId) : -1;
            if (!s.Finish(deadline.AtLeast(s_joinGrace), streamEnd))
            {
                all = false;
                OmsLog.StrategyDeliverySlow(logger, s.Status.StrategyId, s.Status.Name);
            }

            all &= s.Status.Fault is null;
            if (s.Status.MissedEvents > 0)
            {
                all = false;
                OmsLog.StrategyMissedEvents(logger, s.Status.StrategyId, s.Status.Name, s.Status.MissedEvents);
            }
        }

        return all;
    }

    private void CloseJournal()
    {
        if (_journal is null)
        {
            return;
        }

        try
        {
            // Dispose drains everything the engine tapped, fsyncs and closes: the durable watermark then covers every applied input.
            _journal.Dispose();
        }
        catch (IOException e)
        {
            _faults.Report("journal", e);
        }
    }

    private void Summarize(bool drainCompleted, bool engineEndedCleanly)
    {
        // Every venue's queue counts, served or not: a command in the queue of a venue no gateway serves was never
        // sent either (the drain does not wait for those queues, nobody reads them).
        long unsent = QueuedVenueCommands(includeAll: true);
        _runtime.UnsentVenueCommands = unsent;
        _runtime.DrainCompleted = drainCompleted && unsent == 0;
        if (unsent > 0)
        {
            OmsLog.UnsentVenueCommands(logger, unsent, unsent - QueuedVenueCommands());
        }

        ulong hash = 0;
        if (engineEndedCleanly)
        {
            // The engine thread has ended: this thread may read the tables now.
            hash = _engine.ComputeStateHash();
            _runtime.SetFinalStateHash(hash);
        }

        EngineCounters c = _engine.Counters;
        OmsLog.Stopped(logger, c.Messages, c.Submitted, c.Accepted, c.Rejected, c.Denied, c.Refused, c.Fills, c.Canceled,
            c.Anomalies, c.DroppedEvents, hash, _runtime.JournalDurableSequence);
        _runtime.CompleteStop();
    }

    private long QueuedVenueCommands(bool includeAll = false)
    {
        long n = 0;
        if (includeAll)
        {
            for (int v = 1; v <= _options.MaxVenues; v++)
            {
                n += _engine.VenueQueue(v).Count;
            }

            return n;
        }

        foreach (GatewayRunner g in _gateways)
        {
            n += _engine.VenueQueue(g.VenueId).Count;
        }

        return n;
    }
}
