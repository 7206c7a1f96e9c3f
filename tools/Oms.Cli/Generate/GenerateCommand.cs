using System.CommandLine;
using System.Diagnostics;
using Oms.Journal;

namespace Oms.Cli.Generate;

/// <summary>`oms generate`: a seeded session written as a journal or a FIX log.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var output = new Argument<FileInfo>("OUTPUT") { Description = "The file to write." };
        var messages = new Option<long>("--messages") { Description = "How many messages.", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the session.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "journal | fix", DefaultValueFactory = _ => "journal" };
        format.AcceptOnlyFromAmong("journal", "fix");
        var command = new Command("generate", "Write a seeded, realistic session (orders, fills, replaces, cancels, a few duplicates) as a journal or a FIX log.")
        {
            output, messages, seed, format,
        };
        command.SetAction(parse =>
        {
            long n = parse.GetValue(messages);
            if (n <= 0)
            {
                Console.Error.WriteLine("oms: --messages must be positive");
                return ExitCodes.Usage;
            }

            string path = parse.GetValue(output)!.FullName;
            var generator = new SessionGenerator(parse.GetValue(seed));
            var sw = Stopwatch.StartNew();
            bool fix = parse.GetValue(format) == "fix";
            long written = fix ? generator.WriteFix(path, n) : generator.WriteJournal(path, n);
            if (!fix)
            {
                SessionGenerator.Names().Save(JournalNames.PathFor(path));
            }

            Console.Error.WriteLine($"oms: wrote {written:N0} messages to {path} ({new FileInfo(path).Length:N0} bytes) in {sw.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });
        return command;
    }
}
