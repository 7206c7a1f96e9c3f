using System.Text;

namespace Oms.Latency.Support;

/// <summary>
/// Switches a waiting <c>perf record</c> on and off around the engine's measured apply runs, through its control
/// FIFO (<c>perf record -D -1 --control fifo:PATH</c>), so a profile holds the apply loop alone: not the JIT
/// warm-up, the reference model, the ring comparison or the latency windows.
/// </summary>
/// <remarks>
/// perf reads the commands as it goes, so the first and last tenth of a millisecond or so of a run may fall
/// outside the profile; a run lasts tens of milliseconds. Opening a FIFO for writing waits until perf has opened it
/// for reading. Coordinator thread only.
/// </remarks>
public sealed class PerfControl : IDisposable
{
    private static readonly byte[] EnableCommand = Encoding.ASCII.GetBytes("enable\n");
    private static readonly byte[] DisableCommand = Encoding.ASCII.GetBytes("disable\n");
    private readonly FileStream _fifo;

    private PerfControl(string path) => _fifo = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>Opens the control FIFO at <paramref name="path"/>; null (nothing to switch) when the path is null.</summary>
    public static PerfControl? Open(string? path) => path is null ? null : new PerfControl(path);

    /// <summary>Starts recording.</summary>
    public void Enable() => Send(EnableCommand);

    /// <summary>Stops recording.</summary>
    public void Disable() => Send(DisableCommand);

    private void Send(byte[] command)
    {
        _fifo.Write(command);
        _fifo.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => _fifo.Dispose();
}
