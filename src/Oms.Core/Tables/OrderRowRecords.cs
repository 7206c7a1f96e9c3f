using System.Runtime.InteropServices;
using Oms.Domain;

namespace Oms.Tables;

/// <summary>
/// The order row's small lifecycle fields, one 8-byte record per row in one column: every report reads the
/// status, the side and the venue together, and a fill may write the overfill flag or the status to restore.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
internal struct OrderFlags
{
    public OrderStatus Status;
    public OrderStatus PreviousStatus;
    public Side Side;
    public bool Overfilled;
    public int Venue;
}

/// <summary>An order row's quantities, ordered and filled: one 16-byte record per row, read together by every fill.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrderQuantities
{
    public long OrderQty;
    public long CumQty;

    /// <summary>Filled to the order quantity or beyond.</summary>
    public readonly bool IsFilled => CumQty >= OrderQty;

    /// <summary>Filled beyond the order quantity.</summary>
    public readonly bool IsOverfilled => CumQty > OrderQty;
}
