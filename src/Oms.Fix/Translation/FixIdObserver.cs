using Oms.Domain;

namespace Oms.Fix;

/// <summary>Observes every id the translator tokenises, so tools can map tokens back to text.</summary>
/// <param name="tag">The field the id came from (11, 41, 37, 17 or 19).</param>
/// <param name="token">The token the engine will see.</param>
/// <param name="id">The id's UTF-8 bytes, valid only during the call.</param>
public delegate void FixIdObserver(int tag, IdToken token, ReadOnlySpan<byte> id);
