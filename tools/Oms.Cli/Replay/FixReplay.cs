using System.Diagnostics;
using Oms.Engine;
using Oms.Journal;

namespace Oms.Cli.Replay;

/// <summary>
/// Replays a FIX log: 35=D/F/G are the firm's own requests, 8 and 9 the venue's reports. Each line is parsed,
/// translated at the edge (<see cref="FixLogFeed"/>) and applied with the same engine code as live trading; a
/// session-level message is skipped and counted; a malformed line is an anomaly naming the line and the field,
/// and the stream goes on.
/// </summary>
internal static class FixReplay
{
    public static ReplayOutcome Run(string path, Action<double>? progress = null)
    {
        var feed = new FixLogFeed();
        var engine = new OmsEngine(FixLogFeed.EngineOptions(path));
        var anomalies = new List<ReplayAnomaly>();
        long applied = 0;
        var sw = Stopwatch.StartNew();
        feed.Run(path, (long line, in OmsMessage message) =>
        {
            engine.Apply(in message);
            applied++;
            ReplayRunner.Collect(engine, anomalies, line, feed.Names);
            if ((applied & 0xFF) == 0)
            {
                EngineRecovery.DiscardVenueCommands(engine);
            }
        },
        (line, detail) => anomalies.Add(new ReplayAnomaly(line, FixLogFeed.MalformedLine, detail)),
        progress);
        sw.Stop();
        return new ReplayOutcome
        {
            Engine = engine,
            Names = feed.Names,
            Anomalies = anomalies,
            Messages = applied,
            BadRecords = feed.BadLines,
            SessionMessages = feed.SessionMessages,
            InputError = feed.BadLines == 0 ? null : $"{path}: {feed.BadLines} malformed line(s), the first at line {feed.FirstBadLine}",
            Elapsed = sw.Elapsed,
            Format = "fix",
        };
    }
}
