using System.Text.Json.Serialization;

namespace Oms.Journal;

/// <summary>The names file as JSON sees it (see <see cref="JournalNames"/> for the format).</summary>
internal sealed record JournalNamesDocument(
    string Format, int Version, NameEntry[] Accounts, InstrumentEntry[] Instruments, NameEntry[] Venues, NameEntry[] Strategies);

/// <summary>What is read first, so a file of another format or version is named as such whatever its shape.</summary>
internal sealed record JournalNamesHeader(string? Format = null, int Version = 0);

/// <summary>One interned name and its dense id.</summary>
internal sealed record NameEntry(int Id, string Name);

/// <summary>One instrument: dense id, symbol and scales.</summary>
internal sealed record InstrumentEntry(int Id, string Symbol, int PriceScale, int QuantityScale);

/// <summary>
/// Source-generated (reflection-free, AOT-safe) serializer for the names file. A missing member or a null where
/// the record says non-null is a <see cref="System.Text.Json.JsonException"/>, never a half-read directory.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(JournalNamesHeader))]
[JsonSerializable(typeof(JournalNamesDocument))]
internal sealed partial class JournalNamesJsonContext : JsonSerializerContext;
