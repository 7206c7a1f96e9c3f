using Oms.Latency.Output;
using Oms.Latency.Results;

namespace Oms.Latency;

/// <summary>Runs the harness with a parsed configuration and writes every output; returns the exit code.</summary>
public static class HarnessMain
{
    /// <summary>
    /// Validates, runs, writes the files, then the tables (stdout, or stderr with <paramref name="json"/>) and
    /// the JSON document (stdout). 0 when every check passed, 70 when a workload check or a window failed
    /// (GC in a window counts), 64 on bad options, 74 when the output cannot be written. Targets never fail a run.
    /// </summary>
    public static int Run(HarnessConfig config, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (config.Validate() is { } problem)
        {
            stderr.WriteLine($"oms-latency: {problem}");
            return 64;
        }

        HarnessResult result = new Harness(config, new Progress(stderr)).Run();
        List<string> files;
        try
        {
            files = WriteFiles(result);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"oms-latency: cannot write results: {e.Message}");
            return 74;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"oms-latency: cannot write results: {e.Message}");
            return 74;
        }

        ConsoleReport.Write(result, json ? stderr : stdout, files);
        if (json)
        {
            WriteJson(result, stdout);
        }

        return result.Warnings().Any() ? 70 : 0;
    }

    /// <summary>Writes the JSON document, and nothing else, to <paramref name="stdout"/>.</summary>
    private static void WriteJson(HarnessResult result, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        JsonReport.Write(result, buffer);
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        stdout.Flush();
    }

    private static List<string> WriteFiles(HarnessResult result)
    {
        HarnessConfig config = result.Config;
        Directory.CreateDirectory(config.OutDir);
        List<string> files = HgrmFiles.Write(result, config.OutDir);
        if (config.Plot)
        {
            files.AddRange(result.WorkingSets.Select(ws => PercentilePlot.Write(ws, result.RingOnly, config.OutDir)));
        }

        string markdown = MarkdownReport.Build(result);
        string reportPath = Path.Combine(config.OutDir, "latency-report.md");
        File.WriteAllText(reportPath, markdown);
        files.Add(reportPath);
        if (config.ReportPath is { } extra)
        {
            string? dir = Path.GetDirectoryName(extra);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(extra, markdown);
            files.Add(extra);
        }

        string jsonPath = Path.Combine(config.OutDir, "latency.json");
        using (FileStream f = File.Create(jsonPath))
        {
            JsonReport.Write(result, f);
        }

        files.Add(jsonPath);
        return files;
    }
}
