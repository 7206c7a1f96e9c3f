using Oms.Engine;
using Oms.Journal;

namespace Oms.Hosting;

/// <summary>Where a hosted Oms is in its life.</summary>
public enum OmsRuntimeState
{
    /// <summary>Registered, not started.</summary>
    Created = 0,
    /// <summary>Threads running, strategies trading.</summary>
    Running = 1,
    /// <summary>A graceful stop is under way.</summary>
    Stopping = 2,
    /// <summary>Every thread has ended; the final figures are set.</summary>
    Stopped = 3,
}

/// <summary>
/// A read-only view of a hosted Oms, for status pages and end-of-run summaries: live counters while it runs,
/// and once <see cref="State"/> is <see cref="OmsRuntimeState.Stopped"/>, the final state hash and journal
/// watermark. Registered as a singleton by <c>AddOms</c>.
/// </summary>
/// <remarks>Every member may be read from any thread. Counters read together are not one consistent snapshot
/// while the engine runs; after the stop they are final.</remarks>
public sealed class OmsRuntime
{
    /// <summary>The process exit code set (<see cref="Environment.ExitCode"/>) when a component fails: 70, EX_SOFTWARE.</summary>
    public const int FaultExitCode = 70;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _faultLock = new();
    private volatile int _state;
    private JournalWriter? _journal;
    private EngineRunner? _engineRunner;
    private ulong _finalStateHash;
    private volatile bool _hasFinalStateHash;
    private Exception? _fault;
    private string? _faultComponent;

    internal OmsRuntime(OmsEngine engine) => Engine = engine;

    /// <summary>Where the host is in its life.</summary>
    public OmsRuntimeState State => (OmsRuntimeState)_state;

    /// <summary>The engine. Its query methods belong to the engine thread: call them only once <see cref="State"/> is <see cref="OmsRuntimeState.Stopped"/>.</summary>
    public OmsEngine Engine { get; }

    /// <summary>What the engine has done, counted (live).</summary>
    public EngineCounters Counters => Engine.Counters;

    /// <summary>Messages applied so far: the input sequence the next message will get.</summary>
    public long InputSequence => Engine.Counters.Messages;

    /// <summary>Messages published into the ring and not yet applied.</summary>
    public long RingDepth => Engine.Inbound.Depth;

    /// <summary>True while the engine thread runs (false before the start, and once it has ended: stopped or failed).</summary>
    public bool EngineRunning => _engineRunner?.IsAlive ?? false;

    /// <summary>The CPU the engine thread was asked to run on (null when not pinned by configuration).</summary>
    public int? EngineCpu { get; internal set; }

    /// <summary>True when the engine thread is pinned to <see cref="EngineCpu"/>.</summary>
    public bool EnginePinned { get; internal set; }

    /// <summary>Why pinning failed, when it was asked for and did not happen.</summary>
    public string? PinningProblem { get; internal set; }

    /// <summary>The journal's full path, or null without a journal.</summary>
    public string? JournalPath { get; internal set; }

    /// <summary>The last input sequence handed to the OS by the journal (−1 before any, or without a journal).</summary>
    public long JournalWrittenSequence => _journal?.WrittenSequence ?? -1;

    /// <summary>The last input sequence forced to disk by the journal (after the stop: every journaled record).</summary>
    public long JournalDurableSequence => _journal?.DurableSequence ?? -1;

    /// <summary>The engine's state hash once it has stopped (null before, or when the engine thread did not stop).</summary>
    public ulong? FinalStateHash => _hasFinalStateHash ? _finalStateHash : null;

    /// <summary>
    /// True when the last graceful stop drained everything within the stop timeout (ring, venue queues, gateways,
    /// strategies) and nothing was lost: every hosted strategy received every event of its stream
    /// (<see cref="StrategyStatus.MissedEvents"/> is 0) and every venue command was sent
    /// (<see cref="UnsentVenueCommands"/> is 0).
    /// </summary>
    public bool DrainCompleted { get; internal set; }

    /// <summary>
    /// Venue commands the engine produced that no gateway sent before the stop: left in a stopped gateway's queue, or
    /// in the queue of a venue (in 1..<c>Oms:MaxVenues</c>) no gateway of this host serves.
    /// </summary>
    public long UnsentVenueCommands { get; internal set; }

    /// <summary>The first failure of a component (engine, gateway, strategy, journal), or null.</summary>
    public Exception? Fault
    {
        get
        {
            lock (_faultLock)
            {
                return _fault;
            }
        }
    }

    /// <summary>Which component failed first (for example <c>engine</c>, <c>gateway 1</c>, <c>strategy 2</c>).</summary>
    public string? FaultComponent
    {
        get
        {
            lock (_faultLock)
            {
                return _faultComponent;
            }
        }
    }

    /// <summary>The hosted strategies, in registration order.</summary>
    public IReadOnlyList<StrategyStatus> Strategies { get; internal set; } = [];

    /// <summary>Completes when a stop has finished (graceful or after a failure).</summary>
    public Task Stopped => _stopped.Task;

    internal void SetState(OmsRuntimeState state) => _state = (int)state;

    internal void AttachEngineRunner(EngineRunner runner) => _engineRunner = runner;

    internal void AttachJournal(JournalWriter journal, string path)
    {
        _journal = journal;
        JournalPath = path;
    }

    internal void SetFinalStateHash(ulong hash)
    {
        _finalStateHash = hash;
        _hasFinalStateHash = true;
    }

    /// <summary>Records a failure; true when it is the first.</summary>
    internal bool TrySetFault(string component, Exception fault)
    {
        lock (_faultLock)
        {
            if (_fault is not null)
            {
                return false;
            }

            _fault = fault;
            _faultComponent = component;
            return true;
        }
    }

    internal void CompleteStop()
    {
        SetState(OmsRuntimeState.Stopped);
        _stopped.TrySetResult();
    }
}
