using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Oms.Cli.Demo;

/// <summary><c>oms demo</c>: the hosted engine, the simulated venue and four sample strategies, for a set time.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long to trade: 10s, 500ms, 2m or a number of seconds.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
            CustomParser = r => ParseDuration(r.Tokens.Count == 1 ? r.Tokens[0].Value : "", out TimeSpan d, out string? error)
                ? d : Fail(r, error!),
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the venue's and the strategies' random choices.", DefaultValueFactory = _ => 7 };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary on stdout and nothing else." };
        var journal = new Option<string>("--journal")
        {
            Description = "Where to write the engine's input journal (and its names file beside it).",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "oms", "demo.journal"),
        };
        var command = new Command("demo", "Run the hosted engine with a simulated venue and sample strategies, show a live view, then summarise.")
        {
            duration,
            seed,
            json,
            journal,
        };
        command.SetAction(async (parse, _) =>
        {
            bool asJson = parse.GetValue(json);
            bool live = !asJson && !Console.IsErrorRedirected;
            Task<DemoSummary> Run(Action<DemoProgress>? onTick) =>
                DemoRunner.RunAsync(parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(journal)!, onTick);
            DemoSummary summary;
            if (live)
            {
                // The live view goes to the terminal on stderr, so stdout keeps only the summary.
                var view = new DemoLiveView();
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                summary = await console.Live(new Markup("starting…")).StartAsync(ctx =>
                    Run(p => { ctx.UpdateTarget(view.Render(p)); ctx.Refresh(); }));
            }
            else
            {
                summary = await Run(null);
            }

            if (asJson)
            {
                summary.WriteJson(Console.OpenStandardOutput());
            }
            else
            {
                summary.WriteText(Console.Out);
            }

            return summary.Ok ? ExitCodes.Ok : ExitCodes.Software;
        });
        return command;
    }

    private static TimeSpan Fail(System.CommandLine.Parsing.ArgumentResult r, string error)
    {
        r.AddError(error);
        return default;
    }

    /// <summary>Parses 10s, 500ms, 2m, 1h or a plain number of seconds; positive and at most a day.</summary>
    public static bool ParseDuration(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        error = null;
        string t = text.Trim();
        (string number, double scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1)
            : t.EndsWith('m') ? (t[..^1], 60)
            : t.EndsWith('h') ? (t[..^1], 3600)
            : (t, 1);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value * scale <= 0 || value * scale > 86_400)
        {
            error = $"--duration: '{text}' is not a duration between 0 and 24h (examples: 10s, 500ms, 2m)";
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }
}
