using System.Globalization;
using HdrHistogram;
using Oms.Latency.Results;

namespace Oms.Latency.Output;

/// <summary>
/// Writes each stage's histogram (every measured run summed) as a .hgrm percentile distribution, values in
/// nanoseconds, plus percentiles.csv with every run's percentiles for diffs between runs of the harness.
/// </summary>
public static class HgrmFiles
{
    /// <summary>The file name of one stage's histogram.</summary>
    public static string Name(RateResult rate, Stage stage) =>
        $"{(rate.RingOnly ? "ring-only" : $"ws{rate.LiveOrders}")}-rate{rate.Rate}-{JsonReport.StageName(stage)}.hgrm";

    /// <summary>Writes every file into <paramref name="directory"/>; returns the paths written.</summary>
    public static List<string> Write(HarnessResult r, string directory)
    {
        var written = new List<string>();
        foreach (RateResult rate in r.WorkingSets.SelectMany(w => w.Latency).Concat(r.RingOnly))
        {
            foreach (Stage stage in rate.Stages)
            {
                string path = Path.Combine(directory, Name(rate, stage));
                using (var writer = new StreamWriter(path))
                {
                    // 1.0: the values are nanoseconds already; 5 ticks per half distance, the tool's usual resolution.
                    rate.Total(stage).OutputPercentileDistribution(writer, 5, 1.0);
                }

                written.Add(path);
            }
        }

        string csv = Path.Combine(directory, "percentiles.csv");
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine("window,stage,messages,offered_rate,achieved_rate,p50_ns,p90_ns,p99_ns,p999_ns,p9999_ns,max_ns,gc_count,allocated_bytes");
            foreach (RateResult rate in r.WorkingSets.SelectMany(w => w.Latency).Concat(r.RingOnly))
            {
                foreach (WindowResult run in rate.Runs)
                {
                    WriteRows(writer, run);
                }
            }
        }

        written.Add(csv);
        return written;
    }

    private static void WriteRows(StreamWriter writer, WindowResult run)
    {
        foreach (Stage stage in Enum.GetValues<Stage>())
        {
            if (RateResult.Of(run, stage) is not LongHistogram h)
            {
                continue;
            }

            string values = string.Join(',', Percentiles.From(h).Values().Select(v => v.ToString(CultureInfo.InvariantCulture)));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\"{run.Name}\",{JsonReport.StageName(stage)},{run.Messages},{run.OfferedRate},{run.AchievedRate:0},{values},{run.Gc.Collections},{run.Gc.AllocatedBytes}"));
        }
    }
}
