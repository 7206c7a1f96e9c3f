using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Oms.Hosting;

/// <summary>
/// What happens when a component thread (engine, gateway, strategy, journal) fails: it is logged as
/// critical, recorded on <see cref="OmsRuntime"/>, the process exit code becomes
/// <see cref="OmsRuntime.FaultExitCode"/>, and the host is asked to stop. Loud, never silent.
/// </summary>
internal sealed class HostFaults(ILogger logger, IHostApplicationLifetime lifetime, OmsRuntime runtime)
{
    public void Report(string component, Exception fault)
    {
        runtime.TrySetFault(component, fault);
        OmsLog.ComponentFailed(logger, fault, component, OmsRuntime.FaultExitCode);
        Environment.ExitCode = OmsRuntime.FaultExitCode;
        lifetime.StopApplication();
    }
}
