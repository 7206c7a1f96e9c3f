namespace Oms.Latency.Support;

/// <summary>What the garbage collector did during one measured window.</summary>
/// <param name="Collections">Collections of any generation (every collection includes generation 0).</param>
/// <param name="Gen2">Of those, full (generation 2) collections.</param>
/// <param name="AllocatedBytes">Bytes allocated by every thread of the process (precise count).</param>
/// <param name="WorkerAllocatedBytes">Bytes allocated by the window's own hot threads (engine, load generator, ring consumer), -1 when not measured.</param>
/// <param name="WorkerPageFaults">Page faults the same hot threads took (<see cref="ThreadFaults"/>), -1 when not counted. Not part of <see cref="IsZero"/>: reported beside it.</param>
public readonly record struct GcDelta(int Collections, int Gen2, long AllocatedBytes, long WorkerAllocatedBytes, long WorkerPageFaults = -1)
{
    /// <summary>True when nothing was collected and nothing allocated.</summary>
    public bool IsZero => Collections == 0 && AllocatedBytes == 0 && WorkerAllocatedBytes <= 0;
}

/// <summary>A snapshot of the collector's counters, taken on each side of a window.</summary>
public readonly record struct GcSnapshot(int Gen0, int Gen2, long Allocated)
{
    /// <summary>Reads the counters now. Allocates nothing.</summary>
    public static GcSnapshot Take() => new(GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));

    /// <summary>Collects everything and waits for finalizers, so a window starts on a settled heap (never inside a window).</summary>
    public static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        // Every full collection queues the runtime's own gen-2 callbacks (pool trimming) on the finalizer thread,
        // which allocate a few hundred bytes: wait for them too, or they land inside the window.
        GC.WaitForPendingFinalizers();
    }

    /// <summary>What happened between <paramref name="start"/> and this snapshot.</summary>
    public GcDelta Since(GcSnapshot start, long workerAllocated = -1, long workerPageFaults = -1) =>
        new(Gen0 - start.Gen0, Gen2 - start.Gen2, Allocated - start.Allocated, workerAllocated, workerPageFaults);
}
