namespace Oms.Engine;

/// <summary>
/// What the engine has done, counted. Written by the engine thread only; other threads may read them at any
/// time (each value is a naturally atomic 64-bit read; a set read together is not a consistent snapshot).
/// </summary>
public sealed class EngineCounters
{
    private readonly long[] _byReason = new long[600];

    internal long MessagesValue;
    internal long CommandsValue;
    internal long ReportsValue;
    internal long SubmittedValue;
    internal long DeniedValue;
    internal long RefusedValue;
    internal long AcceptedValue;
    internal long RejectedValue;
    internal long FillsValue;
    internal long CanceledValue;
    internal long ReplacedValue;
    internal long ExpiredValue;
    internal long BustsValue;
    internal long CorrectionsValue;
    internal long DuplicatesValue;
    internal long StaleValue;
    internal long ConfirmationsValue;
    internal long AnomaliesValue;
    internal long DroppedEventsValue;
    internal long IgnoredValue;

    /// <summary>Messages applied.</summary>
    public long Messages => Volatile.Read(ref MessagesValue);
    /// <summary>Strategy commands applied.</summary>
    public long Commands => Volatile.Read(ref CommandsValue);
    /// <summary>Venue reports applied (execution reports and cancel rejects).</summary>
    public long Reports => Volatile.Read(ref ReportsValue);
    /// <summary>New orders accepted and sent.</summary>
    public long Submitted => Volatile.Read(ref SubmittedValue);
    /// <summary>New orders denied locally.</summary>
    public long Denied => Volatile.Read(ref DeniedValue);
    /// <summary>Cancel, replace and mass-cancel commands refused.</summary>
    public long Refused => Volatile.Read(ref RefusedValue);
    /// <summary>Venue acknowledgements applied.</summary>
    public long Accepted => Volatile.Read(ref AcceptedValue);
    /// <summary>Venue rejects applied.</summary>
    public long Rejected => Volatile.Read(ref RejectedValue);
    /// <summary>Fills applied (corrections included).</summary>
    public long Fills => Volatile.Read(ref FillsValue);
    /// <summary>Cancels applied.</summary>
    public long Canceled => Volatile.Read(ref CanceledValue);
    /// <summary>Replaces applied.</summary>
    public long Replaced => Volatile.Read(ref ReplacedValue);
    /// <summary>Expiries applied.</summary>
    public long Expired => Volatile.Read(ref ExpiredValue);
    /// <summary>Busts applied.</summary>
    public long Busts => Volatile.Read(ref BustsValue);
    /// <summary>Corrections applied.</summary>
    public long Corrections => Volatile.Read(ref CorrectionsValue);
    /// <summary>Reports whose ExecID was already applied (ignored).</summary>
    public long Duplicates => Volatile.Read(ref DuplicatesValue);
    /// <summary>Out-of-order reports older than the order's state (ignored).</summary>
    public long Stale => Volatile.Read(ref StaleValue);
    /// <summary>Expected echoes that changed nothing (confirmations, late acks, status reports).</summary>
    public long Confirmations => Volatile.Read(ref ConfirmationsValue);
    /// <summary>Anomaly events raised (all reasons).</summary>
    public long Anomalies => Volatile.Read(ref AnomaliesValue);
    /// <summary>Messages that changed nothing because they were invalid, stale, unknown or malformed (anomalies; duplicates, denials and refusals are counted apart).</summary>
    public long Ignored => Volatile.Read(ref IgnoredValue);
    /// <summary>Events not delivered because a stream was full or not open.</summary>
    public long DroppedEvents => Volatile.Read(ref DroppedEventsValue);

    /// <summary>How many times a reason was raised (refusals, denials and anomalies).</summary>
    public long ByReason(RejectReason reason) => (int)reason < _byReason.Length ? Volatile.Read(ref _byReason[(int)reason]) : 0;

    internal void Count(RejectReason reason)
    {
        if ((uint)reason < (uint)_byReason.Length)
        {
            _byReason[(int)reason]++;
        }
    }

    private long[] Scalars() =>
    [
        MessagesValue, CommandsValue, ReportsValue, SubmittedValue, DeniedValue, RefusedValue, AcceptedValue, RejectedValue,
        FillsValue, CanceledValue, ReplacedValue, ExpiredValue, BustsValue, CorrectionsValue, DuplicatesValue, StaleValue,
        ConfirmationsValue, AnomaliesValue, DroppedEventsValue, IgnoredValue,
    ];

    internal void WriteSnapshot(BinaryWriter w)
    {
        long[] scalars = Scalars();
        w.Write(scalars.Length);
        foreach (long v in scalars)
        {
            w.Write(v);
        }

        w.Write(_byReason.Length);
        foreach (long v in _byReason)
        {
            w.Write(v);
        }
    }

    internal void ReadSnapshot(BinaryReader r)
    {
        long[] v = new long[r.ReadInt32()];
        if (v.Length != Scalars().Length)
        {
            throw new InvalidDataException("snapshot counters are of another version");
        }

        for (int i = 0; i < v.Length; i++)
        {
            v[i] = r.ReadInt64();
        }

        (MessagesValue, CommandsValue, ReportsValue, SubmittedValue, DeniedValue, RefusedValue, AcceptedValue, RejectedValue) =
            (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        (FillsValue, CanceledValue, ReplacedValue, ExpiredValue, BustsValue, CorrectionsValue, DuplicatesValue, StaleValue) =
            (v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
        (ConfirmationsValue, AnomaliesValue, DroppedEventsValue, IgnoredValue) = (v[16], v[17], v[18], v[19]);
        int reasons = r.ReadInt32();
        for (int i = 0; i < reasons; i++)
        {
            _byReason[i] = r.ReadInt64();
        }
    }
}
