namespace Oms.Cli;

/// <summary>Process exit codes (sysexits.h).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Bad usage: unknown option, bad value.</summary>
    public const int Usage = 64;
    /// <summary>The input was read but had bad records; the good ones were applied and reported.</summary>
    public const int DataError = 65;
    /// <summary>The input file does not exist or cannot be opened.</summary>
    public const int NoInput = 66;
    /// <summary>An internal error (a bug).</summary>
    public const int Software = 70;
    /// <summary>An I/O error while reading or writing.</summary>
    public const int IoError = 74;
}
