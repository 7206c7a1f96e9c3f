using System.Diagnostics.Metrics;
using HdrHistogram;
using Oms.Hosting;

namespace Oms.Cli.Demo;

/// <summary>
/// Listens to the host's <c>oms.event.latency</c> histogram (cause timestamp → delivery on the strategy
/// thread, recorded by each strategy's thread) and keeps it in an HdrHistogram for exact percentiles.
/// </summary>
/// <remarks>
/// Strategy threads record into a <see cref="Recorder"/> (wait-free for writers); the reading thread swaps
/// out interval histograms and adds them to its running total, so percentiles never read a histogram that
/// is being written.
/// </remarks>
internal sealed class LatencyRecorder : IDisposable
{
    private const long Highest = 60_000_000_000L;

    private readonly MeterListener _listener = new();
    private readonly Recorder _recorder = new(1, Highest, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, Highest, 3);
    private readonly Lock _read = new();
    private HistogramBase? _interval;

    public LatencyRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OmsMetrics.MeterName && instrument.Name == OmsMetrics.EventLatency)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, micros, _, _) =>
            _recorder.RecordValue(Math.Clamp((long)(micros * 1_000), 1, Highest)));
        _listener.Start();
    }

    /// <summary>Folds what was recorded since the last call into the total; returns (count, p50…) readers use.</summary>
    public LatencySnapshot Snapshot(params double[] percentiles)
    {
        lock (_read)
        {
            _interval = _recorder.GetIntervalHistogram(_interval);
            _total.Add(_interval);
            long[] values = new long[percentiles.Length];
            for (int i = 0; i < percentiles.Length; i++)
            {
                values[i] = _total.TotalCount == 0 ? 0 : percentiles[i] >= 100 ? _total.GetMaxValue() : _total.GetValueAtPercentile(percentiles[i]);
            }

            return new LatencySnapshot(_total.TotalCount, values);
        }
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Event latency percentiles in nanoseconds, in the order asked for, and how many events they cover.</summary>
internal sealed record LatencySnapshot(long Count, long[] Nanos);
