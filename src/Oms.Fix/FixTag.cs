namespace Oms.Fix;

/// <summary>The FIX 4.4 tag numbers this codec reads and writes.</summary>
public static class FixTag
{
    /// <summary>Account (1).</summary>
    public const int Account = 1;
    /// <summary>AvgPx (6).</summary>
    public const int AvgPx = 6;
    /// <summary>BeginString (8), always the first field.</summary>
    public const int BeginString = 8;
    /// <summary>BodyLength (9).</summary>
    public const int BodyLength = 9;
    /// <summary>CheckSum (10), always the last field.</summary>
    public const int CheckSum = 10;
    /// <summary>ClOrdID (11).</summary>
    public const int ClOrdId = 11;
    /// <summary>Commission (12).</summary>
    public const int Commission = 12;
    /// <summary>CommType (13): how <see cref="Commission"/> is expressed.</summary>
    public const int CommType = 13;
    /// <summary>CumQty (14).</summary>
    public const int CumQty = 14;
    /// <summary>ExecID (17).</summary>
    public const int ExecId = 17;
    /// <summary>ExecRefID (19).</summary>
    public const int ExecRefId = 19;
    /// <summary>LastPx (31).</summary>
    public const int LastPx = 31;
    /// <summary>LastQty (32).</summary>
    public const int LastQty = 32;
    /// <summary>MsgSeqNum (34).</summary>
    public const int MsgSeqNum = 34;
    /// <summary>MsgType (35).</summary>
    public const int MsgType = 35;
    /// <summary>OrderID (37), the venue's order id.</summary>
    public const int OrderId = 37;
    /// <summary>OrderQty (38).</summary>
    public const int OrderQty = 38;
    /// <summary>OrdStatus (39).</summary>
    public const int OrdStatus = 39;
    /// <summary>OrdType (40).</summary>
    public const int OrdType = 40;
    /// <summary>OrigClOrdID (41).</summary>
    public const int OrigClOrdId = 41;
    /// <summary>PossDupFlag (43).</summary>
    public const int PossDupFlag = 43;
    /// <summary>Price (44).</summary>
    public const int Price = 44;
    /// <summary>SenderCompID (49).</summary>
    public const int SenderCompId = 49;
    /// <summary>SendingTime (52).</summary>
    public const int SendingTime = 52;
    /// <summary>Side (54).</summary>
    public const int Side = 54;
    /// <summary>Symbol (55).</summary>
    public const int Symbol = 55;
    /// <summary>TargetCompID (56).</summary>
    public const int TargetCompId = 56;
    /// <summary>Text (58).</summary>
    public const int Text = 58;
    /// <summary>TimeInForce (59).</summary>
    public const int TimeInForce = 59;
    /// <summary>TransactTime (60).</summary>
    public const int TransactTime = 60;
    /// <summary>PossResend (97).</summary>
    public const int PossResend = 97;
    /// <summary>StopPx (99).</summary>
    public const int StopPx = 99;
    /// <summary>CxlRejReason (102).</summary>
    public const int CxlRejReason = 102;
    /// <summary>OrdRejReason (103).</summary>
    public const int OrdRejReason = 103;
    /// <summary>ExpireTime (126).</summary>
    public const int ExpireTime = 126;
    /// <summary>ExecType (150).</summary>
    public const int ExecType = 150;
    /// <summary>LeavesQty (151).</summary>
    public const int LeavesQty = 151;
    /// <summary>ExecRestatementReason (378).</summary>
    public const int ExecRestatementReason = 378;
    /// <summary>CxlRejResponseTo (434).</summary>
    public const int CxlRejResponseTo = 434;
}
