using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Oms.Benchmarks.Support;

/// <summary>
/// Touches every page of every unmanaged-element array reachable from an object, by rewriting one byte per
/// page with the value it already holds (the state does not change).
/// </summary>
/// <remarks>
/// Why: a fresh large array is backed by pages the OS maps on first write (a minor page fault, about a
/// microsecond each), and a measurement should not charge them to whichever sample first touches the page.
/// The engine commits its own tables when it is built (docs/decisions/0009-commit-every-table.md); this is for
/// the harness's own buffers. It follows fields of reference type only: arrays behind a struct field are not
/// reached. Benchmark-only; uses reflection over private fields.
/// </remarks>
public static class Prefault
{
    private const int PageSize = 4096;
    private const int MaxDepth = 8;

    private static readonly MethodInfo s_sizeOf = typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!;
    private static readonly MethodInfo s_containsReferences =
        typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!;

    /// <summary>Touches every page of every array reachable from <paramref name="root"/>; returns the pages touched.</summary>
    public static long Touch(object root) => Walk(root, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

    private static long Walk(object obj, HashSet<object> seen, int depth)
    {
        if (depth > MaxDepth || obj is string or Type or Delegate or MemberInfo || !seen.Add(obj))
        {
            return 0;
        }

        if (obj is Array array)
        {
            Type element = array.GetType().GetElementType()!;
            if (!element.IsValueType)
            {
                long pages = 0;
                foreach (object? item in array)
                {
                    pages += item is null ? 0 : Walk(item, seen, depth + 1);
                }

                return pages;
            }

            return ContainsReferences(element) ? 0 : TouchArray(array, element);
        }

        long touched = 0;
        const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (Type? type = obj.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (FieldInfo field in type.GetFields(Declared))
            {
                if (!field.FieldType.IsValueType && field.GetValue(obj) is { } child)
                {
                    touched += Walk(child, seen, depth + 1);
                }
            }
        }

        return touched;
    }

    private static bool ContainsReferences(Type element) =>
        (bool)s_containsReferences.MakeGenericMethod(element).Invoke(null, null)!;

    private static long TouchArray(Array array, Type element)
    {
        long bytes = array.LongLength * (int)s_sizeOf.MakeGenericMethod(element).Invoke(null, null)!;
        ref byte data = ref MemoryMarshal.GetArrayDataReference(array);
        long pages = 0;
        for (long offset = 0; offset < bytes; offset += PageSize)
        {
            ref byte b = ref Unsafe.Add(ref data, (nint)offset);
            Volatile.Write(ref b, Volatile.Read(ref b));
            pages++;
        }

        if (bytes > 0)
        {
            // The last page, when the data does not start on a page boundary.
            ref byte last = ref Unsafe.Add(ref data, (nint)(bytes - 1));
            Volatile.Write(ref last, Volatile.Read(ref last));
        }

        return pages;
    }
}
