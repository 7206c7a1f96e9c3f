using System.Diagnostics;
using Oms.Client;
using Oms.Domain;
using Oms.Engine;
using Oms.Journal;

namespace Oms.Cli;

/// <summary>
/// The demo: the engine on a dedicated thread draining the ring, two strategies on their own threads
/// trading through <see cref="OmsClient"/>, and a loopback venue on a third thread answering the engine's
/// outbound commands with reports through the same ring.
/// </summary>
internal static class DemoRun
{
    private const int Strategies = 2;
    private const int Instruments = 3;
    private const int MaxOpenPerStrategy = 256;

    public static DemoSummary Run(int totalOrders, int seed, string journalPath)
    {
        var options = new OmsEngineOptions
        {
            MaxOrders = totalOrders + 16,
            MaxStrategies = Strategies,
            MaxVenues = 1,
            RingCapacity = 16_384,
            StrategyEventCapacity = 65_536,
            VenueQueueCapacity = 16_384,
        };
        var engine = new OmsEngine(options);
        var clients = new OmsClient[Strategies];
        for (int s = 0; s < Strategies; s++)
        {
            clients[s] = new OmsClient(engine, s + 1);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(journalPath))!);
        File.Delete(journalPath);
        using var journal = new JournalWriter(journalPath, engine.InputSequence);
        engine.AttachInputTap(journal.Tap);
        DemoNames.Create(Strategies, Instruments).Save(JournalNames.PathFor(journalPath));
        journal.Start();
        var venue = new LoopbackVenue(engine, 1, seed);
        using var stop = new CancellationTokenSource();
        using var stopVenue = new CancellationTokenSource();
        var sw = Stopwatch.StartNew();

        Exception? engineFault = null;
        var engineThread = new Thread(() =>
        {
            try
            {
                var spin = new SpinWait();
                while (!stop.IsCancellationRequested || engine.Inbound.Depth > 0)
                {
                    if (engine.DoWork() == 0)
                    {
                        spin.SpinOnce();
                    }
                    else
                    {
                        spin.Reset();
                    }
                }
            }
            catch (Exception e)
            {
                engineFault = e;
            }
        }) { Name = "oms-engine", IsBackground = true };

        var venueThread = new Thread(() =>
        {
            var spin = new SpinWait();
            while (!stopVenue.IsCancellationRequested)
            {
                if (venue.Poll(Stopwatch.GetTimestamp()) == 0)
                {
                    spin.SpinOnce();
                }
                else
                {
                    spin.Reset();
                }
            }
        }) { Name = "oms-venue", IsBackground = true };

        var strategyThreads = new Thread[Strategies];
        for (int s = 0; s < Strategies; s++)
        {
            OmsClient client = clients[s];
            int share = totalOrders / Strategies + (s < totalOrders % Strategies ? 1 : 0);
            int strategySeed = seed * 31 + s;
            strategyThreads[s] = new Thread(() => Trade(client, share, strategySeed)) { Name = $"oms-strategy-{s + 1}", IsBackground = true };
        }

        engineThread.Start();
        venueThread.Start();
        foreach (Thread t in strategyThreads)
        {
            t.Start();
        }

        foreach (Thread t in strategyThreads)
        {
            t.Join();
        }

        // Let the venue and the engine settle: nothing left in the ring or the venue's queue.
        while (engine.Inbound.Depth > 0 || engine.VenueQueue(1).Count > 0)
        {
            Thread.Sleep(1);
        }

        stopVenue.Cancel();
        venueThread.Join();
        stop.Cancel();
        engineThread.Join();
        journal.WaitForDurable(engine.InputSequence - 1, TimeSpan.FromSeconds(30));
        sw.Stop();

        // The engine thread has ended: this thread may read the tables now.
        return DemoSummary.From(engine, clients, sw.Elapsed, engineFault, Path.GetFullPath(journalPath), journal.DurableSequence);
    }

    private static void Trade(OmsClient client, int orders, int seed)
    {
        var rng = new Random(seed);
        int submitted = 0;
        var keys = new List<IdToken>(MaxOpenPerStrategy);
        var requested = new HashSet<IdToken>();
        var spin = new SpinWait();
        long deadline = long.MaxValue;
        var answers = new SubmitAnswers();
        while (submitted < orders || (client.OpenOrders.Count > 0 && Stopwatch.GetTimestamp() < deadline))
        {
            int events = client.Poll(ref answers);
            bool acted = false;
            if (submitted < orders && client.OpenOrders.Count + (submitted - answers.Count) < MaxOpenPerStrategy)
            {
                var request = new NewOrderRequest(AccountId: client.StrategyId, InstrumentId: 1 + rng.Next(Instruments), VenueId: 1,
                    Side: rng.Next(2) == 0 ? Side.Buy : Side.Sell, OrderType: OrderType.Limit, TimeInForce: TimeInForce.Day,
                    Quantity: 100 * (1 + rng.Next(10)), Price: 10_000 + rng.Next(-50, 51));
                acted = client.TrySubmit(in request, out _);
                submitted += acted ? 1 : 0;
                if (submitted == orders)
                {
                    // Done submitting: cancel whatever still rests, then wait (bounded) for the answers.
                    client.TryMassCancel();
                    deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
                }
            }

            if (submitted < orders && client.OpenOrders.Count > 0 && rng.Next(16) == 0)
            {
                keys.Clear();
                keys.AddRange(client.OpenOrders.Keys);
                ClientOrder order = client.OpenOrders[keys[rng.Next(keys.Count)]];
                // One request in flight per order: the engine refuses a second one (RequestInFlight).
                if (order.Status is OrderStatus.New or OrderStatus.PartiallyFilled && requested.Add(order.ClOrdId))
                {
                    acted = rng.Next(3) == 0
                        ? client.TryReplace(order.ClOrdId, order.OrderQty + 100, order.Price + 1, 0, out _)
                        : client.TryCancel(order.ClOrdId, out _);
                }
            }

            if (events == 0 && !acted)
            {
                spin.SpinOnce();
            }
            else
            {
                spin.Reset();
            }
        }

        client.Poll();
    }

    /// <summary>Counts the engine's answers to new orders, so a strategy knows how many submits are unanswered.</summary>
    private struct SubmitAnswers : IOmsEventHandler
    {
        public long Count;

        public void OnEvent(in OmsEvent e)
        {
            if (e.Kind is EventKind.Submitted or EventKind.Denied)
            {
                Count++;
            }
        }
    }
}
