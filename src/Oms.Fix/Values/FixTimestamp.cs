namespace Oms.Fix;

/// <summary>
/// FIX UTCTimestamp values (<c>YYYYMMDD-HH:MM:SS[.sss[sss[sss]]]</c>) as nanoseconds since the Unix epoch, read and
/// written without allocation and without <see cref="DateTime"/>. Thread-safe (stateless).
/// </summary>
/// <remarks>
/// Every instant a <see cref="long"/> of nanoseconds holds parses, from 16770921-00:12:43.145224192
/// (<see cref="long.MinValue"/>) to 22620411-23:47:16.854775807 (<see cref="long.MaxValue"/>), so whatever
/// <see cref="TryFormat"/> writes reads back; an instant outside that range is refused. A leap second (:60) is
/// accepted and counted as the first second of the next minute.
/// </remarks>
public static class FixTimestamp
{
    /// <summary>The longest text <see cref="TryFormat"/> writes (nanosecond precision).</summary>
    public const int MaxFormattedLength = 27;

    private const long NanosPerSecond = 1_000_000_000L;
    private const long NanosPerDay = 86_400L * NanosPerSecond;

    // The whole seconds of long.MinValue (rounded down) and long.MaxValue, and their nanoseconds.
    private const long MinSeconds = -9_223_372_037L;
    private const long MinSecondsFraction = 145_224_192L;
    private const long MaxSeconds = 9_223_372_036L;
    private const long MaxSecondsFraction = 854_775_807L;

    /// <summary>Parses a UTC timestamp; false when the text is not one or the date does not exist.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        if (text.Length is not (17 or 21 or 24 or 27)
            || text[8] != (byte)'-' || text[11] != (byte)':' || text[14] != (byte)':'
            || (text.Length > 17 && text[17] != (byte)'.'))
        {
            return false;
        }

        long year = AsciiDigits.Digits(text, 0, 4);
        int month = AsciiDigits.Two(text, 4), day = AsciiDigits.Two(text, 6);
        int hour = AsciiDigits.Two(text, 9), minute = AsciiDigits.Two(text, 12), second = AsciiDigits.Two(text, 15);
        long fraction = text.Length > 17 ? AsciiDigits.Digits(text, 18, text.Length - 18) : 0;
        if (year is < 1677 or > 2262 || (uint)(month - 1) > 11 || day < 1 || day > DaysInMonth((int)year, month)
            || (uint)hour > 23 || (uint)minute > 59 || (uint)second > 60 || fraction < 0)
        {
            return false;
        }

        for (int digits = text.Length - 18; digits is > 0 and < 9; digits++)
        {
            fraction *= 10;
        }

        long seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3_600L) + (minute * 60L) + second;
        if (seconds is > MinSeconds and < MaxSeconds)
        {
            nanos = (seconds * NanosPerSecond) + fraction;
            return true;
        }

        return TryParseEdgeSecond(seconds, fraction, out nanos);
    }

    // The first and last whole seconds of the range hold only some of their nanoseconds; every other is outside.
    private static bool TryParseEdgeSecond(long seconds, long fraction, out long nanos)
    {
        nanos = 0;
        if (seconds == MaxSeconds && fraction <= MaxSecondsFraction)
        {
            nanos = (MaxSeconds * NanosPerSecond) + fraction;
            return true;
        }

        if (seconds == MinSeconds && fraction >= MinSecondsFraction)
        {
            nanos = ((MinSeconds + 1) * NanosPerSecond) + (fraction - NanosPerSecond);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Writes <paramref name="nanos"/> with <paramref name="fractionDigits"/> (0, 3, 6 or 9) fractional digits,
    /// truncating towards the past. False when <paramref name="destination"/> is too small.
    /// </summary>
    /// <remarks>
    /// Within the first second of the range, truncating could name an instant before <see cref="long.MinValue"/>,
    /// which <see cref="TryParse"/> refuses: such an instant is written as the next one the precision can show.
    /// </remarks>
    public static bool TryFormat(long nanos, int fractionDigits, Span<byte> destination, out int written)
    {
        if (fractionDigits is not (0 or 3 or 6 or 9))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(fractionDigits), "must be 0, 3, 6 or 9");
        }

        written = fractionDigits == 0 ? 17 : 18 + fractionDigits;
        if (written > destination.Length)
        {
            written = 0;
            return false;
        }

        if (nanos < long.MinValue + NanosPerSecond && fractionDigits < 9)
        {
            nanos = EarliestWritable(nanos, fractionDigits);
        }

        long days = Math.DivRem(nanos, NanosPerDay, out long inDay);
        if (inDay < 0)
        {
            days--;
            inDay += NanosPerDay;
        }

        CivilFromDays(days, out long year, out int month, out int day);
        long second = inDay / NanosPerSecond;
        Span<byte> d = destination[..written];
        AsciiDigits.WriteFixedWidth((ulong)year, d[..4]);
        AsciiDigits.WriteFixedWidth((ulong)month, d.Slice(4, 2));
        AsciiDigits.WriteFixedWidth((ulong)day, d.Slice(6, 2));
        d[8] = (byte)'-';
        AsciiDigits.WriteFixedWidth((ulong)(second / 3_600), d.Slice(9, 2));
        d[11] = (byte)':';
        AsciiDigits.WriteFixedWidth((ulong)(second / 60 % 60), d.Slice(12, 2));
        d[14] = (byte)':';
        AsciiDigits.WriteFixedWidth((ulong)(second % 60), d.Slice(15, 2));
        if (fractionDigits > 0)
        {
            d[17] = (byte)'.';
            long fraction = inDay % NanosPerSecond;
            for (int i = fractionDigits; i < 9; i++)
            {
                fraction /= 10;
            }

            AsciiDigits.WriteFixedWidth((ulong)fraction, d[18..]);
        }

        return true;
    }

    // The instant itself (TryFormat truncates it), or the next one the precision shows when truncating would fall
    // before long.MinValue.
    private static long EarliestWritable(long nanos, int fractionDigits)
    {
        long unit = fractionDigits switch { 0 => NanosPerSecond, 3 => 1_000_000L, _ => 1_000L };
        long below = ((nanos % unit) + unit) % unit;
        return nanos < long.MinValue + below ? nanos + (unit - below) : nanos;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic in integers.
    private static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yearOfEra = year - (era * 400);
        long dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    private static void CivilFromDays(long days, out long year, out int month, out int day)
    {
        days += 719_468;
        long era = (days >= 0 ? days : days - 146_096) / 146_097;
        long dayOfEra = days - (era * 146_097);
        long yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        long dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        long mp = ((5 * dayOfYear) + 2) / 153;
        day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (yearOfEra + (era * 400)) + (month <= 2 ? 1 : 0);
    }
}
