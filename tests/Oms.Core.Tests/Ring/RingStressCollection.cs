namespace Oms.Tests.Ring;

/// <summary>
/// The ring and queue tests start several spinning threads each; on a 2-core CI machine they must not
/// compete with each other or with the rest of the suite, so this collection runs on its own, after the
/// parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RingStressCollection
{
    public const string Name = "Ring stress";
}
