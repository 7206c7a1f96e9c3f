using System.Runtime.InteropServices;

namespace Oms.Engine;

/// <summary>One applied input as the engine hands it to the journal: its input sequence and the message.</summary>
/// <remarks>The input sequence counts every message the engine applied (0, 1, 2, … with no gaps), so a journal
/// replayed into a fresh engine reproduces the same sequence, state and events.</remarks>
[StructLayout(LayoutKind.Sequential)]
public struct JournalEntry
{
    /// <summary>The engine's input sequence of this message.</summary>
    public long Sequence;
    /// <summary>Padding so the message starts 16-byte aligned.</summary>
    public long Reserved;
    /// <summary>The message, exactly as applied.</summary>
    public OmsMessage Message;
}
