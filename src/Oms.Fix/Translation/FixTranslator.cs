using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Oms.Domain;
using Oms.Engine;
using static Oms.Fix.FixFieldReader;

namespace Oms.Fix;

/// <summary>
/// The edge: turns parsed FIX messages into engine <see cref="OmsMessage"/>s. Accounts and symbols are interned
/// into the shared <see cref="NameTable"/> and <see cref="InstrumentDirectory"/>, only by a message that translates
/// (a new order's unknown symbol is added with the option's default scales; an execution report or a replace must
/// name a known one, and carries its <see cref="OmsMessage.InstrumentId"/>, which the engine checks against the
/// order's); prices and quantities are read at the instrument's scales; ids become <see cref="IdToken"/>s. Bad
/// values never throw: the result is <see cref="FixTranslateResult.Error"/> with the tag named, and the message is
/// left empty, so a malformed message never reaches the ring.
/// </summary>
/// <remarks>
/// <para>
/// Threading: an instance is single-threaded (it keeps its own byte-keyed caches of the names it has seen); use
/// one per thread. The tables it shares are thread-safe, so translators on several threads agree on every id.
/// </para>
/// <para>
/// Allocation: none once an account or symbol has been seen by this instance; the first sighting makes its
/// strings (a message naming a symbol the directory does not know, again each time). Translation: 35=D →
/// <see cref="MessageKind.NewOrder"/>, F → <see cref="MessageKind.Cancel"/>, G → <see cref="MessageKind.Replace"/>
/// (stamped with the strategy a strategy-minted id names, else the option's, and, for D, the option's venue), 8 → <see cref="MessageKind.ExecutionReport"/>, 9 →
/// <see cref="MessageKind.CancelReject"/>, H → no engine message. Fields a kind does not use stay zero. Quantities
/// must not be negative; prices (44, 99, 31, 6) and Commission may be, since some instruments trade below zero and
/// rebates are negative fees.
/// </para>
/// </remarks>
public sealed partial class FixTranslator
{
    private readonly NameTable _accounts;
    private readonly InstrumentDirectory _instruments;
    private readonly FixTranslatorOptions _options;
    private readonly Utf8Map<int> _accountIds = new();
    private readonly Utf8Map<InstrumentSpec> _instrumentSpecs = new();

    /// <summary>Creates a translator over shared name tables. Throws when an option is out of range.</summary>
    public FixTranslator(NameTable accounts, InstrumentDirectory instruments, FixTranslatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(options);
        if (options.VenueId < 1 || options.DefaultStrategyId < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "VenueId and DefaultStrategyId must be positive");
        }

        if ((uint)options.DefaultPriceScale > 9 || (uint)options.DefaultQuantityScale > 9)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), "default scales must be in 0..9");
        }

        _accounts = accounts;
        _instruments = instruments;
        _options = options;
    }

    /// <summary>
    /// Called with every id tokenised, for tools that map tokens back to text; null by default. Called on the
    /// translating thread, only for messages that translate.
    /// </summary>
    public FixIdObserver? IdObserver { get; set; }

    /// <summary>
    /// Translates <paramref name="fix"/>. On <see cref="FixTranslateResult.EngineMessage"/>, <paramref name="message"/>
    /// is ready to publish; otherwise it is empty and, on <see cref="FixTranslateResult.Error"/>,
    /// <paramref name="error"/> names the reason and tag.
    /// </summary>
    public FixTranslateResult Translate(in FixMessage fix, out OmsMessage message, out FixError error)
    {
        message = default;
        error = fix.MsgType switch
        {
            FixMsgType.NewOrderSingle => NewOrder(in fix, ref message),
            FixMsgType.OrderCancelRequest => Cancel(in fix, ref message),
            FixMsgType.OrderCancelReplaceRequest => Replace(in fix, ref message),
            FixMsgType.ExecutionReport => ExecutionReport(in fix, ref message),
            FixMsgType.OrderCancelReject => CancelReject(in fix, ref message),
            FixMsgType.OrderStatusRequest => default,
            _ => new FixError(FixErrorCode.UnsupportedMsgType, FixTag.MsgType),
        };
        if (!error.IsNone)
        {
            message = default;
            return FixTranslateResult.Error;
        }

        return fix.MsgType == FixMsgType.OrderStatusRequest
            ? FixTranslateResult.NoEngineMessage
            : FixTranslateResult.EngineMessage;
    }

    private FixError NewOrder(in FixMessage fix, ref OmsMessage m)
    {
        FixError e = default;
        ReadOnlySpan<byte> symbol = fix.Get(FixTag.Symbol);
        InstrumentSpec? spec = LookUpInstrument(symbol, ref e);
        if (!e.IsNone)
        {
            return e;
        }

        // A symbol new to the directory is read at the scales it will be added with. It is added, and a new account
        // interned, only once the whole order has translated: a refused message leaves the shared tables (which the
        // journal's names persist) as they were.
        int priceScale = spec?.PriceScale ?? _options.DefaultPriceScale;
        int quantityScale = spec?.QuantityScale ?? _options.DefaultQuantityScale;
        bool hasAccount = fix.TryGet(FixTag.Account, out ReadOnlySpan<byte> account);
        m.Kind = MessageKind.NewOrder;
        m.VenueId = _options.VenueId;
        m.AccountId = hasAccount ? KnownAccount(account, ref e) : 0;
        m.Side = ReadSide(in fix, ref e);
        m.OrderType = ReadOrderType(in fix, ref e);
        m.TimeInForce = ReadTimeInForce(in fix, ref e);
        m.OrderQty = Decimal(in fix, FixTag.OrderQty, quantityScale, signed: false, ref e);
        m.Price = Decimal(in fix, FixTag.Price, priceScale, signed: true, ref e);
        m.StopPx = Decimal(in fix, FixTag.StopPx, priceScale, signed: true, ref e);
        m.ExpireTime = Timestamp(in fix, FixTag.ExpireTime, ref e);
        m.Timestamp = EventTime(in fix, ref e);
        if (e.IsNone && (spec is null || m.AccountId < 0))
        {
            e = AddNames(symbol, ref spec, account, ref m.AccountId);
            if (e.IsNone && (spec!.PriceScale != priceScale || spec.QuantityScale != quantityScale))
            {
                // Another thread added the symbol first, at other scales: read the order again at those.
                m = default;
                return NewOrder(in fix, ref m);
            }
        }

        if (e.IsNone)
        {
            m.InstrumentId = spec!.Id;
            m.ClOrdId = Id(in fix, FixTag.ClOrdId);
            m.StrategyId = SenderStrategy(m.ClOrdId, IdToken.None);
        }

        return e;
    }

    private FixError Cancel(in FixMessage fix, ref OmsMessage m)
    {
        FixError e = default;
        m.Kind = MessageKind.Cancel;
        _ = ReadSide(in fix, ref e); // required and checked, though the engine finds the order by OrigClOrdID
        m.Timestamp = EventTime(in fix, ref e);
        if (e.IsNone)
        {
            m.ClOrdId = Id(in fix, FixTag.ClOrdId);
            m.OrigClOrdId = Id(in fix, FixTag.OrigClOrdId);
            m.StrategyId = SenderStrategy(m.ClOrdId, m.OrigClOrdId);
        }

        return e;
    }

    private FixError Replace(in FixMessage fix, ref OmsMessage m)
    {
        FixError e = default;
        InstrumentSpec? spec = KnownInstrument(in fix, ref e);
        if (spec is null)
        {
            return e;
        }

        m.Kind = MessageKind.Replace;
        m.InstrumentId = spec.Id; // the scales the values were read at: the engine refuses them for another's order
        _ = ReadSide(in fix, ref e);
        // A replace may not change the order's type or time in force: both go to the engine, which refuses one that
        // differs. Without 59 the replace says nothing about it (0), rather than asking for FIX's default, Day.
        m.OrderType = ReadOrderType(in fix, ref e);
        m.TimeInForce = fix.Has(FixTag.TimeInForce) ? ReadTimeInForce(in fix, ref e) : 0;
        m.OrderQty = Decimal(in fix, FixTag.OrderQty, spec.QuantityScale, signed: false, ref e);
        m.Price = Decimal(in fix, FixTag.Price, spec.PriceScale, signed: true, ref e);
        m.StopPx = Decimal(in fix, FixTag.StopPx, spec.PriceScale, signed: true, ref e);
        m.Timestamp = EventTime(in fix, ref e);
        if (e.IsNone)
        {
            m.ClOrdId = Id(in fix, FixTag.ClOrdId);
            m.OrigClOrdId = Id(in fix, FixTag.OrigClOrdId);
            m.StrategyId = SenderStrategy(m.ClOrdId, m.OrigClOrdId);
        }

        return e;
    }

    /// <summary>
    /// The strategy a D, F or G comes from: the one its order's strategy-minted id names (41, on a cancel or a
    /// replace), else the one its own strategy-minted ClOrdID names, else the option's default. Ids are recognised
    /// as minted only with <see cref="FixTranslatorOptions.RecognizeStrategyMintedIds"/>.
    /// </summary>
    /// <remarks>
    /// A cancel or replace whose 11 and 41 are minted for different strategies is not refused here: it is stamped
    /// with the order's strategy (41), so the engine refuses its new ClOrdID as another strategy's
    /// (<see cref="RejectReason.ForeignClOrdId"/>), counted and answered like any such command, and the order is
    /// untouched. A ClOrdID the engine mints (a mass cancel's legs) names no strategy that sends commands: it does
    /// not choose the strategy, and the engine refuses it the same way.
    /// </remarks>
    private int SenderStrategy(IdToken clOrdId, IdToken origClOrdId)
    {
        int strategy = origClOrdId.MintedStrategyId;
        if (strategy == 0 && clOrdId.MintedStrategyId != OmsEngine.EngineMintedStrategy)
        {
            strategy = clOrdId.MintedStrategyId;
        }

        return strategy != 0 ? strategy : _options.DefaultStrategyId;
    }

    private IdToken Id(in FixMessage fix, int tag)
    {
        if (!fix.TryGet(tag, out ReadOnlySpan<byte> text) || (tag == FixTag.OrderId && text.SequenceEqual("NONE"u8)))
        {
            // FIX sends OrderID "NONE" when the venue has no order; as a token it would alias every such report.
            return IdToken.None;
        }

        bool clOrdId = tag is FixTag.ClOrdId or FixTag.OrigClOrdId;
        IdToken token = FixIds.ToToken(text, clOrdId && _options.RecognizeStrategyMintedIds);
        IdObserver?.Invoke(tag, token, text);
        return token;
    }

    /// <summary>The id of an account this instance has seen; -1 for a new one (interned by <see cref="AddNames"/>).</summary>
    private int KnownAccount(ReadOnlySpan<byte> name, ref FixError error)
    {
        if (_accountIds.TryGet(name, out int id))
        {
            return id;
        }

        return Utf8.IsValid(name) ? -1 : (int)Fail(ref error, FixErrorCode.BadValue, FixTag.Account);
    }

    /// <summary>
    /// The instrument an execution report or a replace names, which must be known: null, with the error, when it is
    /// not. Such a message is about an existing order, and only new orders add symbols, so an unknown symbol cannot
    /// be its order's; it is refused here rather than read at made-up scales and left to the engine, since its values
    /// have no scales to be read at and the directory (which the journal's names persist) gains no symbol from it.
    /// </summary>
    private InstrumentSpec? KnownInstrument(in FixMessage fix, ref FixError error)
    {
        InstrumentSpec? spec = LookUpInstrument(fix.Get(FixTag.Symbol), ref error);
        if (spec is null)
        {
            Fail(ref error, FixErrorCode.UnknownSymbol, FixTag.Symbol);
        }

        return spec;
    }

    /// <summary>The instrument of <paramref name="symbol"/>; null when the directory does not know it, or (with the error) when it is no symbol.</summary>
    private InstrumentSpec? LookUpInstrument(ReadOnlySpan<byte> symbol, ref FixError error) =>
        _instrumentSpecs.TryGet(symbol, out InstrumentSpec spec) ? spec : FindInstrumentRare(symbol, ref error);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private InstrumentSpec? FindInstrumentRare(ReadOnlySpan<byte> symbol, ref FixError error)
    {
        if (symbol.IsEmpty || !Utf8.IsValid(symbol))
        {
            Fail(ref error, FixErrorCode.BadValue, FixTag.Symbol);
            return null;
        }

        if (!_instruments.TryGet(Encoding.UTF8.GetString(symbol), out InstrumentSpec spec))
        {
            return null;
        }

        _instrumentSpecs.Add(symbol, spec);
        return spec;
    }

    /// <summary>
    /// Adds the new names of an order that translated: its symbol (when <paramref name="spec"/> is null) and its
    /// account (when <paramref name="accountId"/> is -1). Both tables are checked for room before either changes, so
    /// an order refused for one adds nothing to the other (unless another thread fills the directory in between).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FixError AddNames(ReadOnlySpan<byte> symbol, ref InstrumentSpec? spec, ReadOnlySpan<byte> account, ref int accountId)
    {
        FixError e = default;
        if (spec is null && _instruments.Count >= _instruments.Capacity
            && !_instruments.TryGet(Encoding.UTF8.GetString(symbol), out _))
        {
            return new FixError(FixErrorCode.InstrumentTableFull, FixTag.Symbol);
        }

        if (accountId < 0)
        {
            accountId = InternAccountRare(account, ref e);
            if (!e.IsNone)
            {
                return e;
            }
        }

        spec ??= AddInstrumentRare(symbol, ref e);
        return e;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int InternAccountRare(ReadOnlySpan<byte> name, ref FixError error)
    {
        if (!_accounts.TryIntern(Encoding.UTF8.GetString(name), out int id))
        {
            return (int)Fail(ref error, FixErrorCode.AccountTableFull, FixTag.Account);
        }

        _accountIds.Add(name, id);
        return id;
    }

    /// <summary>Adds a new order's symbol (a valid name the directory did not know) at the options' default scales.</summary>
    private InstrumentSpec? AddInstrumentRare(ReadOnlySpan<byte> symbol, ref FixError error)
    {
        string name = Encoding.UTF8.GetString(symbol);
        // TryAdd refuses a full directory, and a symbol another thread has added meanwhile at other scales: that one is taken.
        if (!_instruments.TryAdd(name, _options.DefaultPriceScale, _options.DefaultQuantityScale, out InstrumentSpec spec, out _)
            && !_instruments.TryGet(name, out spec))
        {
            Fail(ref error, FixErrorCode.InstrumentTableFull, FixTag.Symbol);
            return null;
        }

        _instrumentSpecs.Add(symbol, spec);
        return spec;
    }
}
