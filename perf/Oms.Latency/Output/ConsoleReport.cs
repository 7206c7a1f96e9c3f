using Oms.Latency.Results;
using Spectre.Console;

namespace Oms.Latency.Output;

/// <summary>The human tables on the terminal (stdout, or stderr when --json keeps stdout for the document).</summary>
public static class ConsoleReport
{
    /// <summary>Renders every table and the warnings to <paramref name="writer"/>.</summary>
    public static void Write(HarnessResult r, TextWriter writer, IEnumerable<string> files)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            // Tables written to a file or a pipe keep their full width instead of wrapping at 80 columns.
            console.Profile.Width = 240;
        }

        console.MarkupLine($"[bold]Oms latency harness[/]{(r.Config.Quick ? " (--quick)" : "")}: {Markup.Escape(r.Machine.Cpu)}, " +
            $"{r.Machine.LogicalCpus} CPUs; layout {r.Layout}; pinned engine {r.Pinned.Engine}, producer {r.Pinned.Producer}, " +
            $"strategy {r.Pinned.Strategy}; load {Markup.Escape(r.Machine.LoadAverage)} → {Markup.Escape(r.LoadAverageAfter)}; {r.Elapsed.TotalSeconds:0} s");
        foreach (TextTable t in ReportTables.All(r))
        {
            var table = new Table { Title = new TableTitle(Markup.Escape(t.Title)), Border = TableBorder.Rounded };
            foreach (string h in t.Headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(h)));
            }

            foreach (string[] row in t.Rows)
            {
                table.AddRow([.. row.Select(Markup.Escape)]);
            }

            console.Write(table);
        }

        foreach (string warning in r.Warnings())
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        foreach (string file in files)
        {
            console.MarkupLine($"wrote {Markup.Escape(file)}");
        }
    }
}
