using Oms.Domain;

namespace Oms.Cli.Demo;

/// <summary>Interning helpers for the demo's fixed ids (see <see cref="DemoSetup.Names"/>).</summary>
internal static class DemoNames
{
    /// <summary>Interns in id order; the demo's ids are fixed, so a different id would mislabel the journal.</summary>
    public static void Intern(NameTable table, string name, int expected)
    {
        if (!table.TryIntern(name, out int id) || id != expected)
        {
            throw new InvalidOperationException($"demo name '{name}' got id {id}, expected {expected}");
        }
    }
}
