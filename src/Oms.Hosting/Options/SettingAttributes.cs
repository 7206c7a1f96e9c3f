using System.ComponentModel.DataAnnotations;

namespace Oms.Hosting;

/// <summary>
/// A DataAnnotations range check whose message names the setting as configuration spells it
/// (<c>Oms:RingCapacity</c>, <c>Oms:Journal:TapCapacity</c>) and shows the bad value; optionally also a power of two.
/// </summary>
/// <remarks>The options validator generator keeps its own copy of <see cref="RangeAttribute"/> that ignores
/// <see cref="ValidationAttribute.ErrorMessage"/>, and its default message names the C# member; this attribute
/// is used instead so a refused start says exactly which key to fix.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class SettingRangeAttribute(long minimum, long maximum) : ValidationAttribute
{
    /// <summary>The value must also be a power of two.</summary>
    public bool PowerOfTwo { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }

        long v = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        bool inRange = v >= minimum && v <= maximum;
        if (inRange && (!PowerOfTwo || (v & (v - 1)) == 0))
        {
            return ValidationResult.Success;
        }

        string shape = PowerOfTwo ? $"a power of two in {minimum}..{maximum}" : $"in {minimum}..{maximum}";
        return new ValidationResult($"{SettingNames.Of(validationContext)} must be {shape} (was {v})", Member(validationContext));
    }

    internal static string[] Member(ValidationContext context) => context.MemberName is { } m ? [m] : [];
}

/// <summary>An enum setting must hold one of its named values (configuration binds any number into an enum).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal sealed class DefinedSettingAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null || Enum.IsDefined(value.GetType(), value))
        {
            return ValidationResult.Success;
        }

        string names = string.Join(", ", Enum.GetNames(value.GetType()));
        return new ValidationResult($"{SettingNames.Of(validationContext)} must be one of {names} (was {value})",
            SettingRangeAttribute.Member(validationContext));
    }
}

/// <summary>Turns a validation context's display name (<c>OmsOptions.Journal.TapCapacity</c>) into the configuration key (<c>Oms:Journal:TapCapacity</c>).</summary>
internal static class SettingNames
{
    private const string Root = nameof(OmsOptions) + ".";

    public static string Of(ValidationContext context)
    {
        string display = context.DisplayName ?? context.MemberName ?? "?";
        string path = display.StartsWith(Root, StringComparison.Ordinal) ? display[Root.Length..] : context.MemberName ?? display;
        return $"{OmsOptions.SectionName}:{path.Replace('.', ':')}";
    }
}
