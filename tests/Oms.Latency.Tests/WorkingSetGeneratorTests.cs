using Oms.Engine;
using Oms.Latency.Workload;
using Oms.Reference;

namespace Oms.Latency.Tests;

public sealed class WorkingSetGeneratorTests
{
    private const int Live = 2_000;
    private const int Mix = 100_000;

    [Fact]
    public void The_mix_holds_the_live_count_and_its_proportions()
    {
        var generator = new WorkingSetGenerator(seed: 7, Live);
        generator.BuildSetup();
        long minLive = long.MaxValue, maxLive = 0;
        for (int i = 0; i < Mix; i++)
        {
            generator.Next();
            minLive = Math.Min(minLive, generator.Live);
            maxLive = Math.Max(maxLive, generator.Live);
        }

        // New orders are drawn below the target and cancels at it; cancels take effect ConfirmDelay messages later.
        Assert.InRange(minLive, Live - WorkingSetGenerator.ConfirmDelay, Live);
        Assert.InRange(maxLive, Live, Live + WorkingSetGenerator.ConfirmDelay);
        MixCounts c = generator.Counts;
        Assert.Equal(Mix, c.Messages);
        Assert.InRange(c.Fills / (double)Mix, 0.72, 0.78);
        Assert.InRange(c.Duplicates / (double)Mix, 0.02, 0.04);
        Assert.InRange(c.NewOrders / (double)Mix, 0.03, 0.05);
        Assert.InRange(c.CancelRequests / (double)Mix, 0.03, 0.05);
        Assert.InRange(c.ReplaceRequests / (double)Mix, 0.02, 0.04);
        // Every request is answered ConfirmDelay messages later, so at most that many are still pending.
        Assert.InRange(c.NewOrders - c.Acks, 0, WorkingSetGenerator.ConfirmDelay);
        Assert.InRange(c.CancelRequests + c.ReplaceRequests - c.Canceled - c.Replaced, 0, WorkingSetGenerator.ConfirmDelay);
    }

    [Fact]
    public void The_engine_applies_every_message_as_the_workload_expects_and_agrees_with_the_reference()
    {
        var generator = new WorkingSetGenerator(seed: 11, Live);
        OmsMessage[] setup = generator.BuildSetup();
        var mix = new OmsMessage[Mix];
        generator.Fill(mix, Mix);
        OmsEngineOptions options = EngineSizing.For(Live, Mix, ringCapacity: 1_024);
        var engine = new OmsEngine(options);
        var reference = new ReferenceOms(options);
        foreach (OmsMessage m in setup.Concat(mix))
        {
            engine.Apply(in m);
            reference.Apply(in m);
            engine.DrainOutputs();
        }

        Assert.Null(WorkloadCheck.Problem(engine.Counters, Live, generator.Counts));
        Assert.Equal(generator.Counts.Fills, reference.Fills);
        Assert.Equal(generator.Counts.Duplicates, reference.Duplicates);
        Assert.Equal([RejectReason.DuplicateExecId], reference.ReasonCounts.Where(r => r.Value > 0).Select(r => r.Key));
    }

    [Fact]
    public void The_row_prefetch_threshold_reaches_the_engine_and_a_negative_one_is_refused()
    {
        Assert.Equal(new OmsEngineOptions().RowPrefetchMinRows, EngineSizing.For(Live, Mix, ringCapacity: 1_024).RowPrefetchMinRows);
        Assert.Equal(0, EngineSizing.For(Live, Mix, ringCapacity: 1_024, rowPrefetchMinRows: 0).RowPrefetchMinRows);
        Assert.Null(new HarnessConfig { RowPrefetchMinRows = 0 }.Validate());
        Assert.True(EngineSizing.For(Live, Mix, ringCapacity: 1_024).HugePages);
        Assert.False(EngineSizing.For(Live, Mix, ringCapacity: 1_024, hugePages: false).HugePages);
        Assert.Contains("--row-prefetch-min-rows", new HarnessConfig { RowPrefetchMinRows = -1 }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_capacity_reaches_every_output_queue_and_a_bad_one_is_refused()
    {
        OmsEngineOptions latency = EngineSizing.For(Live, Mix, ringCapacity: 1_024);
        Assert.Equal(EngineSizing.OutputCapacity, latency.StrategyEventCapacity);
        OmsEngineOptions drained = EngineSizing.For(Live, Mix, ringCapacity: 1_024, outputCapacity: EngineSizing.BatchDrainedOutputCapacity);
        Assert.Equal(
            [EngineSizing.BatchDrainedOutputCapacity, EngineSizing.BatchDrainedOutputCapacity, EngineSizing.BatchDrainedOutputCapacity],
            [drained.StrategyEventCapacity, drained.VenueQueueCapacity, drained.AnomalyCapacity]);
        Assert.Null(new HarnessConfig { OutputCapacity = 4_096 }.Validate());
        Assert.Contains("--output-capacity", new HarnessConfig { OutputCapacity = 1_000 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("--output-capacity", new HarnessConfig { OutputCapacity = 0 }.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_stream()
    {
        OmsMessage[] a = Stream(seed: 3), b = Stream(seed: 3), c = Stream(seed: 4);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    private static OmsMessage[] Stream(int seed)
    {
        var generator = new WorkingSetGenerator(seed, 100);
        var messages = new OmsMessage[5_000];
        generator.BuildSetup();
        generator.Fill(messages, messages.Length);
        return messages;
    }
}
