using System.CommandLine;
using Oms.Cli.Replay;
using Oms.Domain;
using Oms.Engine;
using Spectre.Console;

namespace Oms.Cli.History;

/// <summary>`oms history FILE --order CLORDID`: every transition of one order chain and the message that caused it.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An Oms journal or a FIX log." };
        var order = new Option<string>("--order") { Description = "Any ClOrdID of the order's chain (as replay prints it).", Required = true };
        Option<string> format = JournalCommands.FormatOption();
        var command = new Command("history", "Print every transition of one order chain with the message that caused it.") { file, order, format };
        command.SetAction(parse => JournalCommands.Run(() =>
        {
            FileInfo input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                return JournalCommands.Fail(ExitCodes.NoInput, $"{input.FullName}: no such file");
            }

            string kind = JournalCommands.Resolve(parse.GetValue(format)!, input.FullName);
            OrderHistory? history = OrderHistory.Collect(input.FullName, kind, IdToken.Parse(parse.GetValue(order)!), out string? inputError);
            if (history is null)
            {
                string why = inputError is null ? "" : $"; the input also has bad data: {inputError}";
                return JournalCommands.Fail(ExitCodes.DataError, $"no order with ClOrdID {parse.GetValue(order)} in {input.Name}{why}");
            }

            Print(history, AnsiConsole.Console);
            if (history.NamesNote is not null)
            {
                Console.Error.WriteLine($"oms: {history.NamesNote}");
            }

            if (history.InputError is not null)
            {
                return JournalCommands.Fail(ExitCodes.DataError, history.InputError);
            }

            return history.NamesDamaged ? ExitCodes.DataError : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// A line naming the order, a table with one row per event (prices and quantities at the instrument's scales),
    /// then, for a FIX log, the raw line of every message that caused one.
    /// </summary>
    private static void Print(OrderHistory h, IAnsiConsole console)
    {
        ReplayNames names = h.Names;
        OrderView o = h.Order;
        int ps = names.PriceScale(o.InstrumentId);
        int qs = names.QuantityScale(o.InstrumentId);
        string strategy = names.Strategy(o.StrategyId) is { } s ? $" · strategy {s}" : "";
        string venue = names.Venue(o.VenueId) is { } v ? $" · venue {v}" : "";
        console.WriteLine($"order {string.Join(" > ", h.Chain.Select(names.IdText))} · account {names.AccountText(o.AccountId)} · " +
            $"symbol {names.SymbolText(o.InstrumentId)} · {o.Side}{strategy}{venue} · {o.Status}");

        var table = new Table().AddColumns("line", "event", "status", "cause", "request", "qty", "price", "last qty", "last px",
            "cum", "leaves", "avg px", "reason");
        foreach (HistoryEntry entry in h.Entries)
        {
            OmsEvent e = entry.Event;
            string cause = e.CauseExecType == ExecType.None ? e.Cause.ToString() : $"{e.Cause} {e.CauseExecType}";
            table.AddRow(entry.Line.ToString(), e.Kind.ToString(), e.Status.ToString(), cause, Markup.Escape(names.IdText(e.RequestClOrdId)),
                FixedPoint.Format(e.OrderQty, qs), FixedPoint.Format(e.Price, ps), FixedPoint.Format(e.LastQty, qs),
                FixedPoint.Format(e.LastPx, ps), FixedPoint.Format(e.CumQty, qs), FixedPoint.Format(e.LeavesQty, qs),
                FixedPoint.Format(e.AvgPx, ps), e.Reason == RejectReason.None ? "" : e.Reason.ToString());
        }

        console.Write(table);
        long previous = -1;
        foreach (HistoryEntry entry in h.Entries)
        {
            if (entry.Message is not null && entry.Line != previous)
            {
                // Plain text, not markup: a FIX line may hold brackets, and must not wrap.
                Console.Out.WriteLine($"line {entry.Line}: {entry.Message}");
                previous = entry.Line;
            }
        }
    }
}
