using Microsoft.Extensions.Logging;
using Oms.Engine;

namespace Oms.Hosting;

/// <summary>
/// Every log line the hosted Oms writes, as source-generated <see cref="LoggerMessageAttribute"/> methods
/// (no formatting unless the level is enabled). None is called on the engine thread's duty cycle: the
/// engine thread only logs when it fails.
/// </summary>
internal static partial class OmsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Oms engine started: idle strategy {IdleStrategy}, CPU {Cpu}, pinned {Pinned}; {Gateways} gateway(s), {Strategies} strategy(ies)")]
    public static partial void EngineStarted(ILogger logger, IdleStrategyKind idleStrategy, int cpu, bool pinned, int gateways, int strategies);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Oms engine thread could not be pinned to CPU {Cpu}: {Problem}; it runs unpinned")]
    public static partial void PinningFailed(ILogger logger, int cpu, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Oms journal {Path} (durability {Durability}, first sequence {FirstSequence})")]
    public static partial void JournalOpened(ILogger logger, string path, Journal.JournalDurability durability, long firstSequence);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "Oms {Component} failed; stopping the host (exit code {ExitCode})")]
    public static partial void ComponentFailed(ILogger logger, Exception exception, string component, int exitCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Oms stopping: new orders refused, strategies told to stop")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Oms strategy {StrategyId} ({Name}) did not finish OnStopping within the stop timeout")]
    public static partial void StrategyStopSlow(ILogger logger, int strategyId, string name);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "Oms drain did not settle within the stop timeout: ring depth {RingDepth}, venue commands waiting {VenueCommands}; stopping anyway")]
    public static partial void DrainTimedOut(ILogger logger, long ringDepth, long venueCommands);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Oms gateway for venue {VenueId} did not stop within the stop timeout")]
    public static partial void GatewayStopSlow(ILogger logger, int venueId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Oms engine thread did not stop within the stop timeout; ring depth {RingDepth}")]
    public static partial void EngineStopSlow(ILogger logger, long ringDepth);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Oms strategy {StrategyId} ({Name}) had not taken all its events when the stop timeout expired")]
    public static partial void StrategyDeliverySlow(ILogger logger, int strategyId, string name);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Oms strategy {StrategyId} ({Name}) missed {Missed} event(s): its stream overran (it fell more than Oms:StrategyEventCapacity behind)")]
    public static partial void StrategyMissedEvents(ILogger logger, int strategyId, string name, long missed);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information,
        Message = "Oms stopped: {Messages} messages applied; submitted {Submitted}, accepted {Accepted}, rejected {Rejected}, denied {Denied}, refused {Refused}, fills {Fills}, canceled {Canceled}, anomalies {Anomalies}, events dropped {Dropped}; state hash {StateHash:X16}; journal durable to sequence {DurableSequence}")]
    public static partial void Stopped(ILogger logger, long messages, long submitted, long accepted, long rejected, long denied, long refused,
        long fills, long canceled, long anomalies, long dropped, ulong stateHash, long durableSequence);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning,
        Message = "Oms anomaly {Reason}: strategy {StrategyId}, ClOrdID {ClOrdId}, order status {Status}, input sequence {InputSequence}")]
    public static partial void Anomaly(ILogger logger, RejectReason reason, int strategyId, string clOrdId, Domain.OrderStatus status, long inputSequence);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Oms journal writer has not advanced for {Seconds} s with its tap full: the engine is held back")]
    public static partial void JournalStalled(ILogger logger, int seconds);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Oms left {Commands} command(s) in venue queues unsent at stop, {Unserved} of them for venues no gateway serves: the drain is incomplete")]
    public static partial void UnsentVenueCommands(ILogger logger, long commands, long unserved);
}
