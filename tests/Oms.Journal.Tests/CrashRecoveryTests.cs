using System.Diagnostics;
using Oms.Engine;
using Oms.Reference;

namespace Oms.Journal.Tests;

/// <summary>
/// Proof by a real crash: a child process runs the live path with the journal attached and prints its durable
/// watermark; the test kills it with SIGKILL at a random point, recovers the journal, and checks that every
/// record under the last watermark it saw survived and that replaying the journal gives the same state hash as
/// an uninterrupted run over the same records.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int StreamLength = 200_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void KillNine_AtRandomPoint_DurableRecordsRecovered_StateHashMatchesUninterruptedRun(int seed)
    {
        string path = Path.Combine(_dir, $"crash-{seed}.journal");
        long killAfter = new Random(seed).Next(500, 60_000);
        long lastDurable = RunAndKill(path, seed, killAfter);

        JournalReadResult recovered = JournalReader.Recover(path);
        output.WriteLine($"seed {seed}: killed after durable {lastDurable}; journal had {recovered.Records} good records, " +
            $"fault {recovered.Fault} {recovered.Detail}");
        Assert.NotEqual(JournalFault.BadHeader, recovered.Fault);
        Assert.NotEqual(JournalFault.SequenceGap, recovered.Fault);
        Assert.True(recovered.LastSequence >= lastDurable, $"lost durable records: last good {recovered.LastSequence} < watermark {lastDurable}");
        Assert.Equal(JournalFault.None, JournalReader.Read(path).Fault);

        var replayed = new OmsEngine(TestEngineKit.StreamOptions());
        Assert.Equal(recovered.Records, JournalReader.Replay(path, replayed).Records);

        var uninterrupted = new OmsEngine(TestEngineKit.StreamOptions());
        var generator = new StreamGenerator(seed);
        for (long i = 0; i < recovered.Records; i++)
        {
            OmsMessage m = generator.Next();
            uninterrupted.Apply(in m);
        }

        Assert.Equal(uninterrupted.ComputeStateHash(), replayed.ComputeStateHash());
        Assert.Equal(uninterrupted.Counters.Fills, replayed.Counters.Fills);
    }

    /// <summary>Starts the child, waits until its durable watermark passes <paramref name="killAfter"/>, kills it; returns the last watermark it printed.</summary>
    private long RunAndKill(string path, int seed, long killAfter)
    {
        string child = Path.Combine(AppContext.BaseDirectory, "Oms.Journal.CrashChild.dll");
        var start = new ProcessStartInfo("dotnet", [child, path, seed.ToString(), StreamLength.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        long lastDurable = -1;
        var deadline = Stopwatch.StartNew();
        try
        {
            while (deadline.Elapsed < TimeSpan.FromSeconds(120))
            {
                string? line = process.StandardOutput.ReadLine();
                if (line is null)
                {
                    Assert.Fail($"the child exited early: {process.StandardError.ReadToEnd()}");
                }

                if (line.StartsWith("durable ", StringComparison.Ordinal))
                {
                    lastDurable = long.Parse(line.AsSpan(8));
                }

                if (lastDurable >= killAfter || line == "done")
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no flush, no finalizers, mid-write if it was writing
            process.WaitForExit();
        }

        Assert.True(lastDurable >= 0, "the child never reported a durable record");
        return lastDurable;
    }
}
