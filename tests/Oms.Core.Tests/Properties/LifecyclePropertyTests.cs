using CsCheck;
using Oms.Domain;
using Oms.Engine;
using Oms.Reference;
using Oms.Tests.Differential;

namespace Oms.Tests.Properties;

/// <summary>
/// Properties of the engine over random interleavings of commands and (disordered) reports. CsCheck draws
/// the stream seed and length from a fixed seed, shrinks a failure to the shortest stream that still fails
/// and prints its seed, so every failure is reproducible: paste the printed seed into <see cref="Seed"/>.
/// </summary>
public sealed class LifecyclePropertyTests(ITestOutputHelper output)
{
    private const string Seed = "000000006cpV03";
    private static readonly Gen<(int, int)> s_streams = Gen.Select(Gen.Int[1, int.MaxValue], Gen.Int[50, 2_500]);

    [Fact]
    public void RandomStreams_OrderQuantities_StayConsistent()
    {
        s_streams.Sample((seed, length) =>
        {
            var engine = new OmsEngine(DifferentialTests.Options());
            var lastCum = new Dictionary<IdToken, long>();
            foreach (OmsMessage m in new StreamGenerator(seed).Generate(length))
            {
                engine.Apply(in m);
                engine.DrainOutputs();
                foreach (OrderView o in engine.SnapshotOrders())
                {
                    if (o.Status.IsLive())
                    {
                        Assert.True(o.CumQty + o.LeavesQty == o.OrderQty, $"live order {o.OrigClOrdId}: cum {o.CumQty} + leaves {o.LeavesQty} != qty {o.OrderQty} ({o.Status})");
                    }
                    else
                    {
                        Assert.True(o.LeavesQty == 0, $"terminal order {o.OrigClOrdId} ({o.Status}) has leaves {o.LeavesQty}");
                    }

                    long before = lastCum.GetValueOrDefault(o.OrigClOrdId);
                    bool bustOrCorrection = m.ExecType is ExecType.TradeCancel or ExecType.TradeCorrect;
                    Assert.True(o.CumQty >= before || bustOrCorrection, $"cum of {o.OrigClOrdId} fell from {before} to {o.CumQty} on {m.ExecType}");
                    lastCum[o.OrigClOrdId] = o.CumQty;
                }
            }

            Assert.Null(engine.ValidateInvariants());
        }, writeLine: output.WriteLine, seed: Seed, iter: 40, threads: 1);
    }

    [Fact]
    public void RandomStreams_EveryPosition_EqualsSignedSumOfAppliedFills()
    {
        s_streams.Sample((seed, length) =>
        {
            var engine = new OmsEngine(DifferentialTests.Options());
            for (int s = 1; s <= engine.Options.MaxStrategies; s++)
            {
                engine.OpenStrategyStream(s);
            }

            // Built from events alone: fills add, busts subtract, corrections swap the old fill for the new.
            var applied = new Dictionary<(int Venue, IdToken ExecId), long>(); // ExecIDs are per venue
            var byAccount = new Dictionary<(int, int), long>();
            var byStrategy = new Dictionary<(int, int), long>();
            foreach (OmsMessage m in new StreamGenerator(seed).Generate(length))
            {
                engine.Apply(in m);
                engine.DrainOutputs();
                for (int s = 1; s <= engine.Options.MaxStrategies; s++)
                {
                    var stream = engine.OpenStrategyStream(s);
                    while (stream.TryRead(out OmsEvent e))
                    {
                        long signed = e.Kind switch
                        {
                            EventKind.Filled => e.LastQty,
                            EventKind.TradeBusted => e.LastQty,
                            EventKind.TradeCorrected => e.LastQty - applied[(e.VenueId, m.ExecRefId)],
                            _ => 0,
                        };
                        if (e.Kind is EventKind.Filled or EventKind.TradeCorrected)
                        {
                            applied[(e.VenueId, e.ExecId)] = e.LastQty;
                        }

                        signed = e.Side == Side.Buy ? signed : -signed;
                        byAccount[(e.AccountId, e.InstrumentId)] = byAccount.GetValueOrDefault((e.AccountId, e.InstrumentId)) + signed;
                        byStrategy[(e.StrategyId, e.InstrumentId)] = byStrategy.GetValueOrDefault((e.StrategyId, e.InstrumentId)) + signed;
                    }
                }
            }

            foreach (PositionView p in engine.SnapshotPositions())
            {
                var sums = p.Owner == Oms.Tables.PositionOwner.Account ? byAccount : byStrategy;
                long expected = sums.GetValueOrDefault((p.OwnerId, p.InstrumentId));
                Assert.True(expected == p.NetQty, $"{p.Owner} {p.OwnerId}/{p.InstrumentId}: net {p.NetQty}, fills sum {expected}");
                Assert.True(p.BoughtQty - p.SoldQty == p.NetQty, $"{p.Owner} {p.OwnerId}/{p.InstrumentId}: bought - sold != net");
            }
        }, writeLine: output.WriteLine, seed: Seed, iter: 40, threads: 1);
    }

    [Fact]
    public void RandomStreams_DuplicatedReport_ChangesNothing()
    {
        s_streams.Sample((seed, length) =>
        {
            var engine = new OmsEngine(DifferentialTests.Options());
            foreach (OmsMessage m in new StreamGenerator(seed).Generate(length))
            {
                engine.Apply(in m);
                engine.DrainOutputs();
                if (m.Kind is not (MessageKind.ExecutionReport or MessageKind.CancelReject))
                {
                    continue;
                }

                ulong before = engine.ComputeStateHash();
                engine.Apply(in m);
                engine.DrainOutputs();
                Assert.True(before == engine.ComputeStateHash(), $"redelivered {m.ExecType} {m.Kind} changed state");
            }
        }, writeLine: output.WriteLine, seed: Seed, iter: 40, threads: 1);
    }
}
