using System.CommandLine;
using Oms.Cli;
using Spectre.Console;

// Tables written to a file or a pipe keep their full width instead of wrapping at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
}

var root = new RootCommand("oms: the Oms order management system.") { Oms.Cli.Demo.DemoCommand.Create(), JournalCommands.Replay(), JournalCommands.Verify(), Oms.Cli.History.HistoryCommand.Create(), Oms.Cli.Generate.GenerateCommand.Create() };
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
