using Oms.Domain;

namespace Oms.Reference;

/// <summary>
/// Ids that each venue assigns on its own (ExecIDs, OrderIDs): one dictionary per venue. Small venue ids go
/// by array, so a lookup costs what one dictionary's did; a single dictionary keyed on (venue, id) tuples
/// ran measurably slower and would have flattered the engine's ratio in the harness.
/// </summary>
public sealed class PerVenue<TValue>
{
    private readonly Dictionary<IdToken, TValue>?[] _small = new Dictionary<IdToken, TValue>?[256];
    private readonly Dictionary<int, Dictionary<IdToken, TValue>> _other = [];

    /// <summary>The ids of <paramref name="venue"/> (any int: the reference model never refuses a venue here).</summary>
    public Dictionary<IdToken, TValue> Of(int venue)
    {
        if ((uint)venue < (uint)_small.Length)
        {
            return _small[venue] ??= [];
        }

        if (!_other.TryGetValue(venue, out Dictionary<IdToken, TValue>? ids))
        {
            ids = [];
            _other.Add(venue, ids);
        }

        return ids;
    }
}
