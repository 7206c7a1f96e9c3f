using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Oms.Engine;
using Oms.Gateway;

namespace Oms.Hosting;

/// <summary>Registers a hosted Oms: options, engine, runtime status, metrics, strategies and gateways.</summary>
/// <remarks>
/// <para>Registered singletons: <see cref="OmsEngine"/> (so gateways and tools reach <see cref="OmsEngine.Inbound"/>
/// and <see cref="OmsEngine.VenueQueue"/>), <see cref="OmsRuntime"/>, <see cref="OmsMetrics"/>, <see cref="OmsClock"/>,
/// and the hosted service that runs it all. Gateways are every <see cref="IVenueGateway"/> in the container (see
/// <see cref="AddOmsGateway{TGateway}(IServiceCollection)"/>); strategies are added with <c>AddOmsStrategy</c>.</para>
/// <para>Options are validated when the host starts (<c>ValidateOnStart</c>): a bad value makes <c>StartAsync</c> throw
/// <see cref="OptionsValidationException"/> naming the setting, before any thread starts.</para>
/// </remarks>
public static class OmsServiceCollectionExtensions
{
    /// <summary>Adds Oms with its options bound from the <c>Oms</c> section of <paramref name="configuration"/> (the root configuration).</summary>
    public static IServiceCollection AddOms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(OmsOptions.SectionName);
        services.AddOptions<OmsOptions>().Configure(o => Bind(section, o)).ValidateOnStart();
        services.AddSingleton<IOptionsChangeTokenSource<OmsOptions>>(new ConfigurationChangeTokenSource<OmsOptions>(section));
        return services.AddOmsCore();
    }

    /// <summary>
    /// Binds the section; a value the binder cannot convert (<c>HugePages: maybe</c>, <c>MaxOrders: lots</c>)
    /// fails the start as every other bad value does, with <see cref="OptionsValidationException"/> naming the
    /// setting, instead of the binder's <see cref="InvalidOperationException"/>.
    /// </summary>
    private static void Bind(IConfigurationSection section, OmsOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type ("Failed to convert configuration value at
            // 'Oms:HugePages' to type 'System.Boolean'"); its inner exception says what was wrong with the text.
            string detail = e.InnerException is { } inner ? $" ({inner.Message})" : "";
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(OmsOptions), [e.Message + detail]);
        }
    }

    /// <summary>Adds Oms with its options set in code (applied after any configuration binding).</summary>
    public static IServiceCollection AddOms(this IServiceCollection services, Action<OmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OmsOptions>().Configure(configure).ValidateOnStart();
        return services.AddOmsCore();
    }

    /// <summary>Adds a strategy the host runs under <paramref name="strategyId"/>, created with its constructor's dependencies from the container.</summary>
    public static IServiceCollection AddOmsStrategy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStrategy>(
        this IServiceCollection services, int strategyId)
        where TStrategy : OmsStrategy =>
        services.AddOmsStrategy(strategyId, sp => ActivatorUtilities.CreateInstance<TStrategy>(sp));

    /// <summary>Adds a strategy the host runs under <paramref name="strategyId"/>, created by <paramref name="factory"/> when the host starts.</summary>
    public static IServiceCollection AddOmsStrategy(this IServiceCollection services, int strategyId, Func<IServiceProvider, OmsStrategy> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(new StrategyRegistration(strategyId, factory));
        return services;
    }

    /// <summary>Adds a venue gateway the host runs on its own thread (any <see cref="IVenueGateway"/> singleton in the container is run the same way).</summary>
    public static IServiceCollection AddOmsGateway<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TGateway>(
        this IServiceCollection services)
        where TGateway : class, IVenueGateway
    {
        services.AddSingleton<IVenueGateway, TGateway>();
        return services;
    }

    /// <summary>Adds a venue gateway created by <paramref name="factory"/> (for example one that needs the <see cref="OmsEngine"/> and settings).</summary>
    public static IServiceCollection AddOmsGateway(this IServiceCollection services, Func<IServiceProvider, IVenueGateway> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(factory);
        return services;
    }

    private static IServiceCollection AddOmsCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OmsOptions>, OmsOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<OmsClock>();
        services.TryAddSingleton(sp => new OmsEngine(sp.GetRequiredService<IOptions<OmsOptions>>().Value.ToEngineOptions()));
        services.TryAddSingleton(sp => new OmsRuntime(sp.GetRequiredService<OmsEngine>()));
        services.TryAddSingleton(sp => new OmsMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<OmsRuntime>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OmsEngineService>());
        return services;
    }
}
