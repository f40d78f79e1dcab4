namespace CrowdSite.Features.Ledger;

/// <summary>How much of a transaction a reversal brings it to, in total: <see cref="Numerator"/> / <see cref="Denominator"/>.</summary>
public readonly record struct Portion(long Numerator, long Denominator)
{
    public static readonly Portion Whole = new(1, 1);

    public bool IsWhole => Numerator >= Denominator;

    /// <summary>amount × portion, truncated toward zero (so +x and −x give exact opposites).</summary>
    public long Of(long amount) => IsWhole ? amount : (long)((Int128)amount * Numerator / Denominator);

    public static Portion Of(long part, long whole) =>
        whole <= 0 || part < 0 ? throw new InvalidPostingException("A portion is a part of a positive whole.") : new(Math.Min(part, whole), whole);
}
