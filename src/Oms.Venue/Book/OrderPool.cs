namespace Oms.Venue.Book;

/// <summary>
/// The preallocated rows of every order the venue holds (OMS and background). A LIFO free list hands rows
/// out, so the rows a run uses depend only on the run: reproducible.
/// </summary>
/// <remarks>Venue thread only.</remarks>
internal sealed class OrderPool
{
    private readonly SimOrder[] _orders;
    private readonly int[] _free;
    private int _freeCount;

    public OrderPool(int capacity)
    {
        _orders = new SimOrder[capacity];
        _free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _free[i] = capacity - 1 - i;
            _orders[i].Prev = -1;
            _orders[i].Next = -1;
        }

        _freeCount = capacity;
    }

    /// <summary>Rows in all.</summary>
    public int Capacity => _orders.Length;

    /// <summary>Rows in use.</summary>
    public int InUse => _orders.Length - _freeCount;

    /// <summary>True when a row can be allocated.</summary>
    public bool HasFree => _freeCount > 0;

    /// <summary>A row by index.</summary>
    public ref SimOrder this[int index] => ref _orders[index];

    /// <summary>Takes a free row, cleared except for its generation; -1 when none is free.</summary>
    public int Allocate()
    {
        if (_freeCount == 0)
        {
            return -1;
        }

        int index = _free[--_freeCount];
        ref SimOrder o = ref _orders[index];
        int generation = o.Generation;
        o = default;
        o.Generation = generation;
        o.Prev = -1;
        o.Next = -1;
        return index;
    }

    /// <summary>Returns a row to the free list and bumps its generation.</summary>
    public void Release(int index)
    {
        ref SimOrder o = ref _orders[index];
        System.Diagnostics.Debug.Assert(o.State != SimOrderState.Free, "Invariant: a row is released once");
        o.State = SimOrderState.Free;
        o.Generation++;
        _free[_freeCount++] = index;
    }
}
