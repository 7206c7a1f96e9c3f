using System.Collections.Concurrent;

namespace Oms.Hosting.Tests.Support;

/// <summary>Reference prices a test sets by hand.</summary>
internal sealed class FakeMarketData : IMarketData
{
    private readonly ConcurrentDictionary<int, TopOfBook> _books = new();

    public void Set(int instrumentId, long bid, long ask) => _books[instrumentId] = new TopOfBook(bid, ask);

    public bool TryGetTopOfBook(int instrumentId, out TopOfBook top) => _books.TryGetValue(instrumentId, out top);
}
