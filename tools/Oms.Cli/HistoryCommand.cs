using System.CommandLine;
using Oms.Cli.Replay;
using Oms.Domain;
using Oms.Engine;
using Oms.Journal;
using Spectre.Console;

namespace Oms.Cli;

/// <summary>`oms history FILE --order CLORDID`: every transition of one order chain and the message that caused it.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An Oms journal." };
        var order = new Option<string>("--order") { Description = "Any ClOrdID of the order's chain (as replay prints it).", Required = true };
        var command = new Command("history", "Print every transition of one order chain with the message that caused it.") { file, order };
        command.SetAction(parse =>
        {
            FileInfo input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                Console.Error.WriteLine($"oms: {input.FullName}: no such file");
                return ExitCodes.NoInput;
            }

            IdToken id = IdToken.Parse(parse.GetValue(order)!);
            List<(long Line, OmsEvent Event)> history = Collect(input.FullName, id, out JournalReadResult read, out ReplayNames names);
            if (history.Count == 0)
            {
                Console.Error.WriteLine($"oms: no order with ClOrdID {parse.GetValue(order)} in {input.Name}");
                return ExitCodes.DataError;
            }

            var table = new Table().AddColumns("line", "event", "status", "cause", "request", "last qty", "last px", "cum", "leaves", "reason");
            foreach ((long line, OmsEvent e) in history)
            {
                string cause = e.CauseExecType == ExecType.None ? e.Cause.ToString() : $"{e.Cause} {e.CauseExecType}";
                table.AddRow(line.ToString(), e.Kind.ToString(), e.Status.ToString(), cause, Markup.Escape(names.IdText(e.RequestClOrdId)),
                    e.LastQty.ToString(), e.LastPx.ToString(), e.CumQty.ToString(), e.LeavesQty.ToString(),
                    e.Reason == RejectReason.None ? "" : e.Reason.ToString());
            }

            AnsiConsole.Write(table);
            if (read.Fault != JournalFault.None)
            {
                Console.Error.WriteLine($"oms: {input.FullName}: {read.Detail}");
                return ExitCodes.DataError;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Two passes: find the order's engine id, then replay again keeping its events (bounded memory).</summary>
    private static List<(long, OmsEvent)> Collect(string path, IdToken id, out JournalReadResult read, out ReplayNames names)
    {
        names = new ReplayNames();
        long records = Math.Max(0, (new FileInfo(path).Length - JournalFormat.HeaderSize) / JournalFormat.RecordSize);
        var history = new List<(long, OmsEvent)>();
        var first = new OmsEngine(ReplayRunner.OptionsFor(records));
        read = JournalReader.Read(path, (long _, in OmsMessage m) => ApplyQuietly(first, in m));
        if (!first.TryGetOrder(id, out OrderView target))
        {
            return history;
        }

        var engine = new OmsEngine(ReplayRunner.OptionsFor(records));
        var stream = engine.OpenStrategyStream(target.StrategyId);
        JournalReader.Read(path, (long line, in OmsMessage m) =>
        {
            ApplyQuietly(engine, in m);
            while (stream.TryRead(out OmsEvent e))
            {
                if (e.OrderId == target.OrderId)
                {
                    history.Add((line, e));
                }
            }
        });
        return history;
    }

    private static void ApplyQuietly(OmsEngine engine, in OmsMessage m)
    {
        engine.Apply(in m);
        while (engine.Anomalies.TryRead(out _))
        {
        }

        if ((engine.InputSequence & 0xFF) == 0)
        {
            ReplayRunner.DrainVenues(engine);
        }
    }
}
