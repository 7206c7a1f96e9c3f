namespace Oms.Hosting;

/// <summary>One strategy the host will run: its id and how to create it (added by <c>AddOmsStrategy</c>).</summary>
/// <param name="StrategyId">The strategy id, 1..<see cref="OmsOptions.MaxStrategies"/>, unique in the host.</param>
/// <param name="Factory">Creates the strategy instance (once, when the host starts).</param>
public sealed record StrategyRegistration(int StrategyId, Func<IServiceProvider, OmsStrategy> Factory);
