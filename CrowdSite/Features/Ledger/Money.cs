namespace CrowdSite.Features.Ledger;

/// <summary>
/// An amount of money in integer minor units (cents for USD) with its ISO 4217 currency.
/// Arithmetic stays in <see cref="long"/>; there is no floating point anywhere near an amount.
/// </summary>
public readonly record struct Money(long Minor, string Currency)
{
    /// <summary>Digits after the decimal point in the currency's minor unit (ISO 4217).</summary>
    public static int MinorDigits(string currency) => currency.ToUpperInvariant() switch
    {
        "BIF" or "CLP" or "DJF" or "GNF" or "ISK" or "JPY" or "KMF" or "KRW" or "PYG" or "RWF"
            or "UGX" or "UYI" or "VND" or "VUV" or "XAF" or "XOF" or "XPF" => 0,
        "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
        _ => 2,
    };

    /// <summary>Formats with integer arithmetic only, e.g. "$1,234.50" or "-€3.00".</summary>
    public string Format(bool withSymbol = true)
    {
        var digits = MinorDigits(Currency);
        var scale = 1L;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        var magnitude = Minor == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Minor);
        var whole = magnitude / (ulong)scale;
        var fraction = magnitude % (ulong)scale;
        var number = whole.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            + (digits > 0 ? "." + fraction.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0') : "");
        var sign = Minor < 0 ? "-" : "";
        return withSymbol ? $"{sign}{Symbol(Currency)}{number}" : $"{sign}{number}";
    }

    public override string ToString() => $"{Format()} {Currency}";

    private static string Symbol(string currency) => currency.ToUpperInvariant() switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        _ => currency.ToUpperInvariant() + " ",
    };
}
