using Oms.Journal;

namespace Oms.Cli.Tests;

/// <summary>Journals the replay and history commands must refuse with exit 65 and a reason, never read as something else.</summary>
public sealed class JournalInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oms-cli-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Replay_JournalOfAnotherVersion_Exit65_NamesTheVersion()
    {
        string path = Generate("v1.journal");
        using (var f = new FileStream(path, FileMode.Open))
        {
            f.Position = 8;
            f.Write(BitConverter.GetBytes(1));
        }

        string renamed = Path.Combine(_dir, "v1.capture"); // detected by its magic, not its name
        File.Move(path, renamed);

        OmsProcess.Result replay = OmsProcess.Run("replay", renamed);

        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("journal version 1", replay.Stderr);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void Replay_JournalCutInsideItsHeader_Exit65(int keep)
    {
        string path = Generate("cut.journal");
        using (var f = new FileStream(path, FileMode.Open))
        {
            f.SetLength(keep);
        }

        OmsProcess.Result replay = OmsProcess.Run("replay", path);

        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("journal header", replay.Stderr);
        Assert.DoesNotContain("Unhandled exception", replay.Stderr);
    }

    [Fact]
    public void Replay_NamesFileWithANullEntry_Exit65_NamingIt()
    {
        string path = Generate("n.journal");
        File.WriteAllText(path + ".names", """{"format":"oms-journal-names","version":1,"accounts":[null],"instruments":[],"venues":[],"strategies":[]}""");

        OmsProcess.Result replay = OmsProcess.Run("replay", path);

        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("accounts[0]: null", replay.Stderr);
        Assert.DoesNotContain("Unhandled exception", replay.Stderr);
    }

    [Fact]
    public void ReplayAndHistory_JournalStartingAfterSequenceZero_Exit65()
    {
        // A journal continued after a snapshot: its first inputs are not in it.
        string path = Path.Combine(_dir, "late.journal");
        using (new JournalWriter(path, 500))
        {
        }

        OmsProcess.Result replay = OmsProcess.Run("replay", path, "--json");
        OmsProcess.Result history = OmsProcess.Run("history", path, "--order", "S1-1");

        Assert.Equal(65, replay.ExitCode);
        Assert.Contains("starts at sequence 500", replay.Stderr);
        Assert.Equal(65, history.ExitCode);
        Assert.Contains("starts at sequence 500", history.Stderr);
    }

    private string Generate(string name)
    {
        string path = Path.Combine(_dir, name);
        OmsProcess.Result g = OmsProcess.Run("generate", path, "--messages", "2000");
        Assert.True(g.ExitCode == 0, g.Stderr);
        return path;
    }
}
