using System.Text;

namespace Oms.Fix.Tests.Support;

/// <summary>
/// Builds FIX lines for tests from readable '|'-separated text, computing BodyLength and CheckSum with a
/// deliberately naive implementation (strings and LINQ) that shares no code with the codec.
/// </summary>
public static class FixLines
{
    public const string Soh = "\u0001";

    /// <summary>A complete line: "8=FIX.4.4", "9=", the given fields (ending in '|'), "10=".</summary>
    /// <remarks>Latin-1 <paramref name="encoding"/> turns chars U+0000..U+00FF into those bytes, for invalid UTF-8.</remarks>
    public static byte[] Build(string fields, FixSeparator separator = FixSeparator.Pipe, Encoding? encoding = null)
    {
        encoding ??= Encoding.UTF8;
        string body = fields.Replace("|", Soh);
        string head = $"8=FIX.4.4{Soh}9={encoding.GetByteCount(body)}{Soh}";
        return Bytes(WithCheckSum(head + body, encoding), separator, encoding);
    }

    /// <summary>A line with the given text before "10=" (so 9 can be set by hand), '|'-separated, with a correct CheckSum.</summary>
    public static byte[] BuildRaw(string beforeCheckSum, FixSeparator separator = FixSeparator.Pipe) =>
        Bytes(WithCheckSum(beforeCheckSum.Replace("|", Soh), Encoding.UTF8), separator, Encoding.UTF8);

    /// <summary>A '|'-separated text converted to the separator, without any framing added.</summary>
    public static byte[] Plain(string text, FixSeparator separator = FixSeparator.Pipe) =>
        Bytes(text.Replace("|", Soh), separator, Encoding.UTF8);

    /// <summary>The line as readable text, SOH shown as '|'.</summary>
    public static string Show(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line).Replace(Soh, "|");

    public static string SeparatorText(FixSeparator separator) => separator switch
    {
        FixSeparator.Soh => Soh,
        FixSeparator.Pipe => "|",
        _ => "^A",
    };

    private static string WithCheckSum(string sohText, Encoding encoding)
    {
        int sum = encoding.GetBytes(sohText).Sum(b => (int)b) % 256;
        return sohText + $"10={sum:D3}{Soh}";
    }

    private static byte[] Bytes(string sohText, FixSeparator separator, Encoding encoding) =>
        encoding.GetBytes(sohText.Replace(Soh, SeparatorText(separator)));
}
