using Oms.Engine;
using Oms.Reference;

namespace Oms.Tests.Differential;

/// <summary>
/// The engine and the deliberately simple reference model consume the same random stream; after every
/// message the order(s) and positions it touched must be identical; every 100 messages, after every mass
/// cancel and at the end the full state hashes must agree; at the end, every per-reason count.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    public static OmsEngineOptions Options() => TestEngineKit.StreamOptions();

    /// <remarks>
    /// The last two cases take a position checkpoint every fill or every fourth (the default, every 64th, is
    /// reached only a few times per row in these streams), so rebuilds after busts and corrections start at
    /// checkpoints most of the time.
    /// </remarks>
    [Theory]
    [InlineData(1, 120_000, 64)]
    [InlineData(7, 30_000, 1)]
    [InlineData(2026, 30_000, 4)]
    public void EngineAndReference_SameRandomStream_AgreeAfterEveryStep(int seed, int count, int checkpointInterval)
    {
        var options = Options();
        options.PositionCheckpointInterval = checkpointInterval;
        var engine = new OmsEngine(options);
        var model = new ReferenceOms(options);
        var generator = new StreamGenerator(seed);
        for (int i = 0; i < count; i++)
        {
            OmsMessage m = generator.Next();
            engine.Apply(in m);
            model.Apply(in m);
            engine.DrainOutputs();

            string? difference = ReferenceComparer.CompareTouched(engine, model, in m);
            Assert.True(difference is null, $"seed {seed}, message {i} ({m.Kind} {m.ExecType}): {difference}");
            // A mass cancel touches many orders at once: compare everything right after it.
            if (i % 100 == 99 || i == count - 1 || m.Kind == MessageKind.MassCancel)
            {
                Assert.True(ReferenceComparer.StateHash(model) == engine.ComputeStateHash(), $"seed {seed}: state hashes differ after message {i}");
            }

            if (i % 5_000 == 4_999)
            {
                Assert.Null(engine.ValidateInvariants());
            }
        }

        foreach (RejectReason reason in Enum.GetValues<RejectReason>())
        {
            Assert.True(model.ReasonCounts.GetValueOrDefault(reason) == engine.Counters.ByReason(reason),
                $"seed {seed}: count of {reason}: reference {model.ReasonCounts.GetValueOrDefault(reason)}, engine {engine.Counters.ByReason(reason)}");
        }

        Assert.Equal(model.Duplicates, engine.Counters.Duplicates);
        Assert.Equal(model.Fills, engine.Counters.Fills);
        Assert.Equal(model.Orders.Count, engine.Orders.Count);

        // The stream must have exercised the paths it exists for.
        Assert.True(engine.Counters.Fills > count / 20, "too few fills");
        Assert.True(engine.Counters.Duplicates > 0 && engine.Counters.Busts > 0 && engine.Counters.Corrections > 0 && engine.Counters.Replaced > 0);
        output.WriteLine($"seed {seed}: {count} messages, {engine.Orders.Count} orders, fills {engine.Counters.Fills}, " +
            $"duplicates {engine.Counters.Duplicates}, busts {engine.Counters.Busts}, corrections {engine.Counters.Corrections}, " +
            $"replaces {engine.Counters.Replaced}, stale {engine.Counters.Stale}, anomalies {engine.Counters.Anomalies}, hash {engine.ComputeStateHash():x16}");
    }
}
