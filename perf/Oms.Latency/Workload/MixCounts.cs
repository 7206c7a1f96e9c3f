namespace Oms.Latency.Workload;

/// <summary>How many messages of each kind a stream holds (or a session applied).</summary>
public sealed class MixCounts
{
    /// <summary>New orders (35=D).</summary>
    public long NewOrders;
    /// <summary>Venue acknowledgements (35=8 150=0).</summary>
    public long Acks;
    /// <summary>Partial fills (35=8 150=F).</summary>
    public long Fills;
    /// <summary>Cancel requests (35=F).</summary>
    public long CancelRequests;
    /// <summary>Cancel confirmations (35=8 150=4).</summary>
    public long Canceled;
    /// <summary>Cancel/replace requests (35=G).</summary>
    public long ReplaceRequests;
    /// <summary>Replace confirmations (35=8 150=5).</summary>
    public long Replaced;
    /// <summary>Reports sent again with an ExecID already applied.</summary>
    public long Duplicates;

    /// <summary>Every message.</summary>
    public long Messages => Commands + Reports;

    /// <summary>Strategy commands.</summary>
    public long Commands => NewOrders + CancelRequests + ReplaceRequests;

    /// <summary>Execution reports (duplicates included).</summary>
    public long Reports => Acks + Fills + Canceled + Replaced + Duplicates;

    /// <summary>The kinds with their counts, in a fixed order (for tables and JSON).</summary>
    public IEnumerable<(string Kind, long Count)> Kinds()
    {
        yield return ("newOrders", NewOrders);
        yield return ("acks", Acks);
        yield return ("fills", Fills);
        yield return ("cancelRequests", CancelRequests);
        yield return ("canceled", Canceled);
        yield return ("replaceRequests", ReplaceRequests);
        yield return ("replaced", Replaced);
        yield return ("duplicates", Duplicates);
    }

    /// <summary>A copy.</summary>
    public MixCounts Clone() => (MixCounts)MemberwiseClone();

    /// <summary>This minus <paramref name="earlier"/>: what was counted in between.</summary>
    public MixCounts Minus(MixCounts earlier) => new()
    {
        NewOrders = NewOrders - earlier.NewOrders,
        Acks = Acks - earlier.Acks,
        Fills = Fills - earlier.Fills,
        CancelRequests = CancelRequests - earlier.CancelRequests,
        Canceled = Canceled - earlier.Canceled,
        ReplaceRequests = ReplaceRequests - earlier.ReplaceRequests,
        Replaced = Replaced - earlier.Replaced,
        Duplicates = Duplicates - earlier.Duplicates,
    };
}
