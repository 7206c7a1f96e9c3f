using System.Diagnostics;

namespace Oms.Cli.Tests;

/// <summary>Runs `oms` as a user would: a process, its stdout, stderr and exit code.</summary>
internal static class OmsProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "oms.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"oms {string.Join(' ', args)} did not finish");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
