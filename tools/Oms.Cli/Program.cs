using System.CommandLine;
using Oms.Cli;
using Spectre.Console;

// Tables written to a file or a pipe keep their full width instead of wrapping at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
}

var orders = new Option<int>("--orders") { Description = "How many orders the demo strategies submit in all.", DefaultValueFactory = _ => 200_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the strategies' and the venue's random choices.", DefaultValueFactory = _ => 7 };
var json = new Option<bool>("--json") { Description = "Print one JSON summary on stdout and nothing else." };
var journal = new Option<string>("--journal") { Description = "Where to write the engine's input journal.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "oms", "demo.journal") };

var demo = new Command("demo", "Run the engine on its own thread with two in-process strategies and a loopback venue, then summarise.")
{
    orders,
    seed,
    json,
    journal,
};
demo.SetAction(parse =>
{
    int n = parse.GetValue(orders);
    if (n <= 0)
    {
        Console.Error.WriteLine("oms: --orders must be positive");
        return 64;
    }

    DemoSummary summary = DemoRun.Run(n, parse.GetValue(seed), parse.GetValue(journal)!);
    if (parse.GetValue(json))
    {
        summary.WriteJson(Console.OpenStandardOutput());
    }
    else
    {
        summary.WriteText(Console.Out);
    }

    return summary.Ok ? 0 : 70;
});

var root = new RootCommand("oms: the Oms order management system.") { demo, JournalCommands.Replay(), JournalCommands.Verify(), Oms.Cli.History.HistoryCommand.Create(), Oms.Cli.Generate.GenerateCommand.Create() };
ParseResult result = root.Parse(args);
if (result.Errors.Count > 0)
{
    foreach (var error in result.Errors)
    {
        Console.Error.WriteLine($"oms: {error.Message}");
    }

    return 64;
}

return result.Invoke();
