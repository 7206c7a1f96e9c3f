namespace Oms.Fix;

/// <summary>What <see cref="FixTranslator.Translate"/> produced.</summary>
public enum FixTranslateResult : byte
{
    /// <summary>An engine message, ready to publish.</summary>
    EngineMessage = 0,
    /// <summary>A valid message the engine has no use for (35=H, an OrderStatusRequest); nothing to publish.</summary>
    NoEngineMessage = 1,
    /// <summary>The message is malformed; the error says why and nothing may be published.</summary>
    Error = 2,
}
