using System.CommandLine;
using Oms.Cli.Replay;
using Oms.Journal;
using Spectre.Console;

namespace Oms.Cli;

/// <summary>`oms replay` and `oms verify`.</summary>
internal static class JournalCommands
{
    public static Command Replay()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An Oms journal (or, with --format fix, a FIX log)." };
        Option<string> format = FormatOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout and nothing else." };
        var command = new Command("replay", "Run a captured stream through the engine and print every order, position and anomaly.") { file, format, json };
        command.SetAction(parse => Run(() =>
        {
            FileInfo input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                return Fail(ExitCodes.NoInput, $"{input.FullName}: no such file");
            }

            string kind = Resolve(parse.GetValue(format)!, input.FullName);
            Func<Action<double>?, ReplayOutcome> run = kind == "fix"
                ? report => FixReplay.Run(input.FullName, report)
                : report => ReplayRunner.Journal(input.FullName, report);
            bool asJson = parse.GetValue(json);
            ReplayOutcome outcome = asJson || Console.IsErrorRedirected ? run(null) : WithProgress(input.Name, report => run(report));
            if (asJson)
            {
                using Stream stdout = Console.OpenStandardOutput();
                ReplayReport.WriteJson(outcome, stdout);
            }
            else
            {
                ReplayReport.WriteText(outcome, AnsiConsole.Console);
            }

            if (outcome.NamesNote is not null)
            {
                Console.Error.WriteLine($"oms: {outcome.NamesNote}");
            }

            if (outcome.InputError is not null)
            {
                Console.Error.WriteLine($"oms: {outcome.InputError}");
                return ExitCodes.DataError;
            }

            return outcome.NamesDamaged ? ExitCodes.DataError : ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Verify()
    {
        var file = new Argument<FileInfo>("JOURNAL") { Description = "The Oms journal to check." };
        var command = new Command("verify", "Check every record's CRC-32C and sequence; report the first bad record.") { file };
        command.SetAction(parse => Run(() =>
        {
            FileInfo input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                return Fail(ExitCodes.NoInput, $"{input.FullName}: no such file");
            }

            JournalReadResult result = JournalReader.Read(input.FullName);
            if (result.Fault != JournalFault.None)
            {
                Console.Out.WriteLine($"{result.Records} good records (sequences {result.FirstSequence}..{result.LastSequence})");
                return Fail(ExitCodes.DataError, $"{input.FullName}: {result.Detail}");
            }

            Console.Out.WriteLine($"ok: {result.Records} records, sequences {result.FirstSequence}..{result.LastSequence}, {result.FileLength:N0} bytes");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The `--format` option replay and history share: auto (detected from the file), journal or fix.</summary>
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "journal | fix (default: detected from the file).", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "journal", "fix");
        return format;
    }

    /// <summary>"journal" or "fix": <paramref name="format"/> unless it is "auto", then what the file's first bytes say.</summary>
    public static string Resolve(string format, string path) => format != "auto" ? format : IsJournal(path) ? "journal" : "fix";

    // A journal by its magic (any version: the reader then names the version it cannot read) or by its name (a
    // journal cut short inside its header is still one, and must be reported as damaged, not read as a FIX log).
    private static bool IsJournal(string path)
    {
        Span<byte> header = stackalloc byte[JournalFormat.HeaderSize];
        using FileStream f = File.OpenRead(path);
        int read = f.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return JournalFormat.StartsWithMagic(header[..read]) || path.EndsWith(".journal", StringComparison.OrdinalIgnoreCase);
    }

    private static ReplayOutcome WithProgress(string name, Func<Action<double>, ReplayOutcome> run)
    {
        ReplayOutcome? outcome = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().AutoClear(true).Start(ctx =>
        {
            ProgressTask task = ctx.AddTask($"replaying {Markup.Escape(name)}", maxValue: 1.0);
            outcome = run(fraction => task.Value = fraction);
            task.Value = 1.0;
        });
        return outcome!;
    }

    /// <summary>Maps failures to exit codes with one clear line on stderr.</summary>
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(ExitCodes.NoInput, e.Message);
        }
        catch (IOException e)
        {
            return Fail(ExitCodes.IoError, e.Message);
        }
    }

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"oms: {message}");
        return code;
    }
}
