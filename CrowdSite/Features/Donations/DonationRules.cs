using System.Globalization;

namespace CrowdSite.Features.Donations;

public static class DonationRules
{
    public static DonationQuote Quote(long gift, bool coverFees, bool potOptIn, FeeSchedule fees, int potPercent)
    {
        var gross = coverFees ? DonationMath.GrossCoveringFees(gift, fees) : gift;
        var fee = DonationMath.Fee(gross, fees);
        var pot = potOptIn ? DonationMath.PotShare(gift, potPercent) : 0;
        return new DonationQuote(gift, gross - gift, gross, pot, fee, gross - fee - pot);
    }

    /// <summary>Field errors in the shape of ASP.NET Core's validation problem details; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(DonationRequest request, string currency, DonationOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Amount is not { } amount)
        {
            errors["amount"] = ["Enter an amount."];
        }
        else if (AmountRangeError(amount, currency, options) is { } rangeError)
        {
            errors["amount"] = [rangeError];
        }

        if (!string.Equals(request.Currency, currency, StringComparison.Ordinal))
        {
            errors["currency"] = [$"This site takes gifts in {currency}."];
        }

        if (request.PublicName is { Length: > 100 })
        {
            errors["publicName"] = ["A public name is at most 100 characters."];
        }
        else if (DonorVisibilities.Error(request.Visibility, request.PublicName) is { } visibilityError)
        {
            errors["publicName"] = [visibilityError];
        }

        if (request.Message is { } message && message.Length > options.MessageMaxLength)
        {
            errors["message"] = [$"A message is at most {options.MessageMaxLength} characters."];
        }

        return errors;
    }

    /// <summary>The message for a gift outside the configured minimum and maximum; null when it is within them.</summary>
    public static string? AmountRangeError(long amount, string currency, DonationOptions options) =>
        amount < options.MinimumAmount || amount > options.MaximumAmount
            ? $"A gift is between {new Ledger.Money(options.MinimumAmount, currency).Format()} and {new Ledger.Money(options.MaximumAmount, currency).Format()}."
            : null;

    /// <summary>
    /// A gift as a person types it: its minor units when it parses, and the message to show when it cannot be
    /// given (unreadable, or outside the limits); both null for empty text.
    /// </summary>
    public static (long? Amount, string? Error) ParseGift(string? text, string currency, DonationOptions options) =>
        TryParseAmount(text, Ledger.Money.MinorDigits(currency), out var minor)
            ? (minor, AmountRangeError(minor, currency, options))
            : (null, string.IsNullOrWhiteSpace(text) ? null : "Enter an amount like 25 or 12.50.");

    /// <summary>Parses what a person types ("25", "25.5", "1,250.00") into minor units, with integer arithmetic only.</summary>
    public static bool TryParseAmount(string? text, int minorDigits, out long minor)
    {
        minor = 0;
        var cleaned = (text ?? "").Trim().Replace(",", "").TrimStart('$', '€', '£');
        var parts = cleaned.Split('.');
        if (cleaned.Length == 0 || parts.Length > 2 || parts[0].Length is 0 or > 9 || !parts[0].All(char.IsAsciiDigit))
        {
            return false;
        }

        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > minorDigits || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        minor = long.Parse(parts[0], CultureInfo.InvariantCulture);
        for (var i = 0; i < minorDigits; i++)
        {
            minor = minor * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        return true;
    }
}
