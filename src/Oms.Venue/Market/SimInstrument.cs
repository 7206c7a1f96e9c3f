using Oms.Venue.Book;
using Oms.Venue.Scheduling;

namespace Oms.Venue.Market;

/// <summary>One listed instrument at the venue: its book, its background flow's state and its published top of book.</summary>
/// <remarks>Venue thread only, except <see cref="Top"/>, which any thread may read.</remarks>
internal sealed class SimInstrument
{
    public SimInstrument(int index, SimInstrumentOptions options, SimVenueOptions venue)
    {
        Index = index;
        Id = options.InstrumentId;
        Tick = options.TickSize;
        Lot = options.LotSize;
        Mid = options.InitialMid;
        // The lowest mid that keeps the deepest background bid at one tick or more.
        MinMid = (long)(venue.BackgroundHalfSpreadTicks + Math.Max(venue.BackgroundLevels, 1)) * Tick;
        int levels = Math.Max(16, 4 * venue.BackgroundLevels);
        Bids = new BookSide(bids: true, levels);
        Asks = new BookSide(bids: false, levels);
        Flow = new SimRandom(venue.Seed, 0x100UL + (ulong)index);
        Top = new TopOfBookCell(Id);
        Top.Write(0, 0, 0, 0, Mid, 0, 0);
    }

    /// <summary>Position in the venue's instrument array.</summary>
    public int Index { get; }

    /// <summary>The instrument id orders carry.</summary>
    public int Id { get; }

    /// <summary>Price increment, raw.</summary>
    public long Tick { get; }

    /// <summary>Quantity increment, raw.</summary>
    public long Lot { get; }

    /// <summary>The lowest value the reference mid may take.</summary>
    public long MinMid { get; }

    /// <summary>The reference mid of the background flow, raw (a multiple of the tick).</summary>
    public long Mid { get; set; }

    /// <summary>Price of the latest trade, 0 before the first.</summary>
    public long LastTradePrice { get; set; }

    /// <summary>True when the book or mid changed since the top of book was last published.</summary>
    public bool Dirty { get; set; } = true;

    /// <summary>The bids.</summary>
    public BookSide Bids { get; }

    /// <summary>The asks.</summary>
    public BookSide Asks { get; }

    /// <summary>The background flow's own random stream (so order flow from the OMS never shifts the market's path by itself).</summary>
    public SimRandom Flow { get; }

    /// <summary>The published top of book.</summary>
    public TopOfBookCell Top { get; }

    /// <summary>The side an order of this direction rests on.</summary>
    public BookSide SideOf(bool buy) => buy ? Bids : Asks;

    /// <summary>The side an order of this direction trades against.</summary>
    public BookSide Opposite(bool buy) => buy ? Asks : Bids;

    /// <summary>Publishes the top of book if anything changed. Venue thread only.</summary>
    public void PublishTop(long now)
    {
        if (!Dirty)
        {
            return;
        }

        Dirty = false;
        bool bid = Bids.Count > 0;
        bool ask = Asks.Count > 0;
        Top.Write(bid ? Bids.Best.Price : 0, bid ? Bids.Best.Qty : 0, ask ? Asks.Best.Price : 0, ask ? Asks.Best.Qty : 0,
            Mid, LastTradePrice, now);
    }
}
