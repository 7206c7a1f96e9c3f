namespace Oms.Fix.Tests.Support;

/// <summary>One valid body per message type, '|'-separated, header fields after 9 included.</summary>
public static class Samples
{
    public const string Header = "49=BUYSIDE|56=VENUE|34=7|52=20261125-13:30:00.123|";

    public const string NewOrderSingle = "35=D|" + Header +
        "11=ORD-1|1=ACC1|55=AAPL|54=1|38=100|40=2|44=187.25|59=0|60=20261125-13:30:00.100|";

    public const string OrderCancelRequest = "35=F|" + Header +
        "11=ORD-1-C|41=ORD-1|37=V-77|55=AAPL|54=1|60=20261125-13:30:01|";

    public const string OrderCancelReplaceRequest = "35=G|" + Header +
        "11=ORD-1-R|41=ORD-1|55=AAPL|54=1|38=150|40=2|44=187.5|60=20261125-13:30:02|";

    public const string ExecutionReport = "35=8|" + Header +
        "37=V-77|11=ORD-1|17=EX-1|150=F|39=1|55=AAPL|54=1|38=100|44=187.25|32=40|31=187.2|151=60|14=40|6=187.2|" +
        "12=1.5|60=20261125-13:30:00.456789|";

    public const string OrderCancelReject = "35=9|" + Header +
        "37=V-77|11=ORD-1-C|41=ORD-1|39=1|434=1|102=1|58=too late|60=20261125-13:30:03|";

    public const string OrderStatusRequest = "35=H|" + Header + "11=ORD-1|37=V-77|55=AAPL|54=1|";

    public static IEnumerable<string> All =>
        [NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, ExecutionReport, OrderCancelReject, OrderStatusRequest];

    /// <summary>The body with one field (by its "tag=" text) removed.</summary>
    public static string Without(string body, int tag)
    {
        string s = "|" + body;
        string key = $"|{tag}=";
        int at = s.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return body;
        }

        int end = s.IndexOf('|', at + 1);
        return s.Remove(at, end - at)[1..];
    }

    /// <summary>The body with a field's value replaced (or the field appended when absent).</summary>
    public static string With(string body, int tag, string value)
    {
        string s = "|" + body;
        string key = $"|{tag}=";
        int at = s.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return body + $"{tag}={value}|";
        }

        int start = at + key.Length;
        int end = s.IndexOf('|', start);
        return (s[..start] + value + s[end..])[1..];
    }
}
