using System.Diagnostics;
using System.Text;
using Oms.Domain;
using Oms.Engine;
using Oms.Fix;

namespace Oms.Cli.Replay;

/// <summary>
/// Replays a FIX log: 35=D/F/G are the firm's own requests, 8 and 9 the venue's reports. Each line is parsed,
/// translated at the edge and applied with the same engine code as live trading; a malformed line is an
/// anomaly naming the line and the field, and the stream goes on.
/// </summary>
internal static class FixReplay
{
    /// <summary>The anomaly kind of lines the codec refused (they never reach the engine).</summary>
    public const string MalformedLine = "MalformedMessage";

    public static ReplayOutcome Run(string path, Action<double>? progress = null)
    {
        long length = new FileInfo(path).Length;
        var accounts = new NameTable(65_536);
        var instruments = new InstrumentDirectory(65_536);
        var ids = new Dictionary<IdToken, string>();
        var translator = new FixTranslator(accounts, instruments, new FixTranslatorOptions())
        {
            IdObserver = (int _, IdToken token, ReadOnlySpan<byte> text) =>
            {
                if (!ids.ContainsKey(token))
                {
                    ids[token] = Encoding.UTF8.GetString(text);
                }
            },
        };
        var names = new ReplayNames
        {
            Instrument = instruments.Get,
            Account = accounts.NameOf,
            Id = token => ids.GetValueOrDefault(token),
        };

        // Lines ≈ messages: a FIX line is at least ~60 bytes, so this bounds the orders a file can create.
        var engine = new OmsEngine(ReplayRunner.OptionsFor(Math.Max(1_024, length / 60)));
        var parser = new FixParser();
        var anomalies = new List<ReplayAnomaly>();
        long lineNumber = 0;
        long applied = 0;
        long bad = 0;
        long firstBad = 0;
        var sw = Stopwatch.StartNew();
        using FileStream file = File.OpenRead(path);
        foreach (ReadOnlyMemory<byte> line in Lines(file))
        {
            lineNumber++;
            ReadOnlySpan<byte> text = line.Span;
            int first = text.IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (first < 0 || text[first] == (byte)'#')
            {
                continue; // blank lines and # comments
            }

            if (!parser.TryParse(text, out FixMessage fix, out FixError error))
            {
                firstBad = bad++ == 0 ? lineNumber : firstBad;
                anomalies.Add(new ReplayAnomaly(lineNumber, MalformedLine, $"line not parsed: {error}"));
                continue;
            }

            FixTranslateResult result = translator.Translate(in fix, out OmsMessage message, out error);
            if (result == FixTranslateResult.Error)
            {
                firstBad = bad++ == 0 ? lineNumber : firstBad;
                anomalies.Add(new ReplayAnomaly(lineNumber, MalformedLine, $"{fix.MsgType}: {error}"));
                continue;
            }

            if (result != FixTranslateResult.EngineMessage)
            {
                continue;
            }

            engine.Apply(in message);
            applied++;
            ReplayRunner.Collect(engine, anomalies, lineNumber, names);
            if ((applied & 0xFF) == 0)
            {
                ReplayRunner.DrainVenues(engine);
                if ((applied & 0xFFFF) == 0)
                {
                    progress?.Invoke((double)file.Position / Math.Max(length, 1));
                }
            }
        }

        sw.Stop();
        return new ReplayOutcome
        {
            Engine = engine,
            Names = names,
            Anomalies = anomalies,
            Messages = applied,
            BadRecords = bad,
            InputError = bad == 0 ? null : $"{path}: {bad} malformed line(s), the first at line {firstBad}",
            Elapsed = sw.Elapsed,
            Format = "fix",
        };
    }

    /// <summary>The file's lines (LF or CRLF), each as bytes; one reusable buffer, growing only for longer lines.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(Stream stream)
    {
        byte[] buffer = new byte[1 << 16];
        int start = 0;
        int end = 0;
        while (true)
        {
            int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                int stop = newline > start && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
                yield return new ReadOnlyMemory<byte>(buffer, start, stop - start);
                start = newline + 1;
                continue;
            }

            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            else if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start)
                {
                    yield return new ReadOnlyMemory<byte>(buffer, start, end - start);
                }

                yield break;
            }

            end += read;
        }
    }
}
