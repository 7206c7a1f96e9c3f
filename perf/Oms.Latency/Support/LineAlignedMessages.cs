using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Oms.Engine;

namespace Oms.Latency.Support;

/// <summary>
/// Pinned, zeroed messages whose first starts on a cache-line boundary, so each 192-byte message takes three
/// lines, as a slot of the engine's inbound ring does. The throughput comparison applies its stream from here:
/// <c>OmsEngine.Apply(ReadOnlySpan)</c> stands for a drained ring batch, and a managed array's elements start
/// mid-line (every message would then span four).
/// </summary>
public sealed class LineAlignedMessages
{
    private readonly Vector512<byte>[] _block; // 64-byte units; pinned, so the offset below stays right
    private readonly nint _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed messages.</summary>
    public LineAlignedMessages(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long lines = (((long)length * Unsafe.SizeOf<OmsMessage>()) + 63) / 64;
        _block = GC.AllocateArray<Vector512<byte>>(checked((int)lines + 1), pinned: true);
        nint start = Marshal.UnsafeAddrOfPinnedArrayElement(_block, 0);
        _offset = ((start + 63) & ~(nint)63) - start;
        Length = length;
    }

    /// <summary>Messages held.</summary>
    public int Length { get; }

    /// <summary>The messages.</summary>
    public Span<OmsMessage> Span => MemoryMarshal.CreateSpan(
        ref Unsafe.As<byte, OmsMessage>(ref Unsafe.AddByteOffset(ref Unsafe.As<Vector512<byte>, byte>(ref MemoryMarshal.GetArrayDataReference(_block)), _offset)),
        Length);
}
