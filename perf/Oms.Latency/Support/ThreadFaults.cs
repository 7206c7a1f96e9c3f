using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace Oms.Latency.Support;

/// <summary>
/// The page faults (minor and major) of the thread that opened it, read from Linux's /proc/thread-self/stat
/// without allocating; unavailable (-1) elsewhere.
/// </summary>
/// <remarks>
/// A fault on a hot thread is kernel time inside a measured window: a first write to a page nothing committed
/// (about 1.5 µs on the development VM), or worse. The engine commits its tables when it is built
/// (docs/decisions/0009-commit-every-table.md), so its thread should take none; this lets every window say so.
/// The file is opened once, on the thread it describes (the path names the calling thread at open time), and
/// reread in place: <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/> at offset 0 regenerates it.
/// </remarks>
public sealed class ThreadFaults : IDisposable
{
    private const string Path = "/proc/thread-self/stat";
    private readonly SafeFileHandle? _stat;
    private readonly byte[] _buffer = new byte[1024];

    private ThreadFaults(SafeFileHandle? stat) => _stat = stat;

    /// <summary>The counter of the calling thread; allocates, so call it outside any window.</summary>
    public static ThreadFaults OfCurrentThread()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Path))
        {
            return new ThreadFaults(null);
        }

        try
        {
            return new ThreadFaults(File.OpenHandle(Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ThreadFaults(null);
        }
    }

    /// <summary>True when <see cref="Read"/> gives counts.</summary>
    public bool Available => _stat is not null;

    /// <summary>Minor plus major faults of the thread so far; -1 when unavailable. Allocates nothing.</summary>
    public long Read()
    {
        if (_stat is null)
        {
            return -1;
        }

        int n = RandomAccess.Read(_stat, _buffer, 0);
        return Parse(_buffer.AsSpan(0, n));
    }

    /// <summary>Two threads' counts together; -1 when either was not counted.</summary>
    public static long Add(long a, long b) => a < 0 || b < 0 ? -1 : a + b;

    /// <summary>Minor plus major faults from the text of a /proc stat file (fields 10 and 12); -1 when malformed.</summary>
    public static long Parse(ReadOnlySpan<byte> stat)
    {
        // The command name, field 2, is in parentheses and may hold spaces or parentheses: fields 3 on follow the last ')'.
        int close = stat.LastIndexOf((byte)')');
        if (close < 0 || close + 2 > stat.Length)
        {
            return -1;
        }

        ReadOnlySpan<byte> rest = stat[(close + 2)..];
        long minor = -1, major = -1;
        for (int field = 3; field <= 12 && !rest.IsEmpty; field++)
        {
            int space = rest.IndexOf((byte)' ');
            ReadOnlySpan<byte> token = space < 0 ? rest : rest[..space];
            if (field is 10 or 12)
            {
                if (!Utf8Parser.TryParse(token, out long value, out int used) || used != token.Length)
                {
                    return -1;
                }

                if (field == 10)
                {
                    minor = value;
                }
                else
                {
                    major = value;
                }
            }

            rest = space < 0 ? default : rest[(space + 1)..];
        }

        return minor < 0 || major < 0 ? -1 : minor + major;
    }

    /// <inheritdoc/>
    public void Dispose() => _stat?.Dispose();
}
