using System.Text.RegularExpressions;

namespace Oms.Cli.Tests;

/// <summary>`oms history` on the sample FIX log (docs/samples/session.fixlog).</summary>
public sealed class FixHistoryTests
{
    private static string Sample() => Path.Combine(GoldenReplayTests.Repo(), "docs", "samples", "session.fixlog");

    /// <summary>The table's rows as (line, event, status, request, qty, price, cum, leaves, reason).</summary>
    private static List<string[]> Rows(string stdout) =>
        [.. stdout.Split('\n').Where(l => Regex.IsMatch(l, @"^│ \d+ ")).Select(l => l.Split('│', StringSplitOptions.TrimEntries)[1..^1])
            .Select(c => new[] { c[0], c[1], c[2], c[4], c[5], c[6], c[9], c[10], c[12] })];

    [Theory]
    [InlineData("O2")]
    [InlineData("O2R")]
    [InlineData("O2C")]
    public void ReplaceChain_EveryTransition_WithTheFixLineThatCausedIt(string clOrdId)
    {
        OmsProcess.Result history = OmsProcess.Run("history", Sample(), "--order", clOrdId);
        Assert.Equal(65, history.ExitCode); // the capture holds one garbage line on purpose
        Assert.Contains("the first at line 19", history.Stderr);
        Assert.Contains("order O2 > O2R > O2C · account ACC1 · symbol MSFT · Sell · Canceled", history.Stdout);
        string[][] expected =
        [
            ["10", "Submitted", "PendingNew", "O2", "200", "410", "0", "200", ""],
            ["11", "Accepted", "New", "O2", "200", "410", "0", "200", ""],
            ["12", "PendingReplace", "PendingReplace", "O2R", "200", "410", "0", "200", ""],
            ["14", "Replaced", "New", "O2R", "150", "409.5", "0", "150", ""],
            ["15", "Filled", "PartiallyFilled", "O2R", "150", "409.5", "50", "100", ""],
            ["16", "PendingCancel", "PendingCancel", "O2C", "150", "409.5", "50", "100", ""],
            ["18", "Canceled", "Canceled", "O2C", "150", "409.5", "50", "0", ""],
        ];
        Assert.Equal(expected, Rows(history.Stdout));
        string[] lines = File.ReadAllLines(Sample());
        foreach (string line in new[] { "10", "11", "12", "14", "15", "16", "18" })
        {
            Assert.Contains($"line {line}: {lines[int.Parse(line) - 1]}\n", history.Stdout);
        }

        Assert.Contains("35=G|", history.Stdout);
    }

    [Fact]
    public void DuplicateFill_ShowsAsAnAnomalyOnItsLine()
    {
        OmsProcess.Result history = OmsProcess.Run("history", Sample(), "--order", "O1", "--format", "fix");
        Assert.Equal(
            [["7", "Filled", "PartiallyFilled", "O1", "100", "190.5", "40", "60", ""], ["8", "Anomaly", "PartiallyFilled", "O1", "100", "190.5", "40", "60", "DuplicateExecId"]],
            Rows(history.Stdout).Where(r => r[0] is "7" or "8"));
    }

    [Fact]
    public void UnknownOrder_Exit65_OneLine()
    {
        OmsProcess.Result history = OmsProcess.Run("history", Sample(), "--order", "O9");
        Assert.Equal(65, history.ExitCode);
        Assert.Single(history.Stderr.Trim().Split('\n'));
        Assert.Contains("no order with ClOrdID O9", history.Stderr);
    }

    [Fact]
    public void FixLogForcedAsJournal_Exit65_SaysItIsNotAJournal()
    {
        OmsProcess.Result history = OmsProcess.Run("history", Sample(), "--order", "O1", "--format", "journal");
        Assert.Equal(65, history.ExitCode);
        Assert.Contains("not an Oms journal", history.Stderr);
    }
}
