using System.Text;
using Oms.Domain;
using Oms.Engine;
using Oms.Fix;
using Oms.Journal;

namespace Oms.Cli.Replay;

/// <summary>
/// Reads a FIX log as a gateway would: each line is parsed and translated at the edge (accounts and symbols
/// interned, ids tokenised, prices and quantities read at the instrument's scales) and handed on as an engine
/// message with its line number. Blank lines and # comments are skipped, and so are session-level messages
/// (Logon, Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout: counted), which a QuickFIX message
/// log holds between the orders and reports. A malformed line, or an application message type the codec does not
/// read (it may have changed an order the replay cannot follow), is reported with its line number and the codec's
/// reason, and the feed goes on. Leading blanks are ignored, as for comments. One feed reads one file once.
/// </summary>
internal sealed class FixLogFeed
{
    /// <summary>The anomaly kind of lines the codec refused (they never reach the engine).</summary>
    public const string MalformedLine = "MalformedMessage";

    private readonly FixTranslator _translator;
    private readonly FixParser _parser = new();

    public FixLogFeed()
    {
        var accounts = new NameTable(65_536);
        var instruments = new InstrumentDirectory(65_536);
        var ids = new Dictionary<IdToken, string>();
        _translator = new FixTranslator(accounts, instruments, new FixTranslatorOptions())
        {
            IdObserver = (int _, IdToken token, ReadOnlySpan<byte> text) =>
            {
                if (!ids.ContainsKey(token))
                {
                    ids[token] = Encoding.UTF8.GetString(text);
                }
            },
        };
        Names = new ReplayNames
        {
            Instrument = instruments.Get,
            Account = accounts.NameOf,
            Id = token => ids.GetValueOrDefault(token),
        };
    }

    /// <summary>What the edge learnt so far: symbols and scales, accounts, and the text behind every id token.</summary>
    public ReplayNames Names { get; }

    /// <summary>Lines the codec refused.</summary>
    public long BadLines { get; private set; }

    /// <summary>Session-level messages skipped (they never reach the engine).</summary>
    public long SessionMessages { get; private set; }

    /// <summary>The line number of the first refused line (0 when none).</summary>
    public long FirstBadLine { get; private set; }

    /// <summary>The raw text of the line being handed on; valid only during the callback.</summary>
    public ReadOnlyMemory<byte> CurrentLine { get; private set; }

    /// <summary>Engine capacities for a replay of the file at <paramref name="path"/>.</summary>
    public static OmsEngineOptions EngineOptions(string path) =>
        // Lines ≈ messages: a FIX line is at least ~60 bytes, so this bounds the orders a file can create.
        ReplayRunner.OptionsFor(Math.Max(1_024, new FileInfo(path).Length / 60));

    /// <summary>
    /// Reads the file: every engine message goes to <paramref name="onMessage"/> with its line number, every refused
    /// line to <paramref name="onMalformed"/> with its line number and detail.
    /// </summary>
    public void Run(string path, RecordHandler onMessage, Action<long, string>? onMalformed = null, Action<double>? progress = null)
    {
        using FileStream file = File.OpenRead(path);
        long length = Math.Max(file.Length, 1);
        long lineNumber = 0;
        foreach (ReadOnlyMemory<byte> line in Lines(file))
        {
            lineNumber++;
            if ((lineNumber & 0xFFFF) == 0)
            {
                progress?.Invoke((double)file.Position / length);
            }

            ReadOnlySpan<byte> text = line.Span;
            int first = text.IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (first < 0 || text[first] == (byte)'#')
            {
                continue; // blank lines and # comments
            }

            if (!_parser.TryParse(text[first..], out FixMessage fix, out FixError error))
            {
                Refuse(lineNumber, $"line not parsed: {error}", onMalformed);
                continue;
            }

            if (fix.IsSessionMessage)
            {
                SessionMessages++;
                continue;
            }

            FixTranslateResult result = _translator.Translate(in fix, out OmsMessage message, out error);
            if (result == FixTranslateResult.Error)
            {
                Refuse(lineNumber, $"{fix.MsgType}: {error}", onMalformed);
            }
            else if (result == FixTranslateResult.EngineMessage)
            {
                CurrentLine = line;
                onMessage(lineNumber, in message);
                CurrentLine = default;
            }
        }
    }

    private void Refuse(long line, string detail, Action<long, string>? onMalformed)
    {
        FirstBadLine = BadLines++ == 0 ? line : FirstBadLine;
        onMalformed?.Invoke(line, detail);
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
