using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using static System.FormattableString;

namespace CrowdSite.Data.Demo;

/// <summary>A year of one demo project's money: daily charges by resource, pledges, one-time gifts and a launch campaign.</summary>
internal sealed class DemoHistory(DemoProject spec, DemoSetup setup, DateTime start, DateTime now, PlatformOptions options, int typicalIncomeMonths)
{
    private static readonly long[] GiftSizes = [500, 1000, 1000, 1500, 2000, 2500, 2500, 5000];
    private readonly Random _random = new(StableSeed(spec.Slug));
    private readonly List<(Posting Posting, long Net)> _items = [];
    private Project Project => setup.Project;

    public IEnumerable<Posting> Build()
    {
        AddCharges();
        AddPledgePayments();
        AddOneTimeGifts();
        AddLaunchCampaign();
        return _items.Select(i => i.Posting);
    }

    private void AddCharges()
    {
        var today = now.Date;
        for (var day = start; day < today; day = day.AddDays(1))
        {
            var running = setup.Deployments.LastOrDefault(d => d.StartedAt <= day.AddHours(12));
            if (running?.Commit is not { } commit)
            {
                continue; // nothing was deployed yet: nothing ran, nothing to pay
            }

            var growth = 80 + 40 * (day - start).Days / DemoSeeder.HistoryDays; // costs grow ~50% over the year
            foreach (var (resource, cents) in spec.DailyCost)
            {
                var amount = Math.Max(1, cents * growth / 100 * _random.Next(85, 116) / 100);
                var (unit, centsPerUnit) = DemoProjects.Metering(resource);
                var charge = new Charge
                {
                    SourceId = Invariant($"demo:{spec.Slug}:{day:yyyy-MM-dd}:{resource}"), ProjectId = Project.Id, CommitId = commit.Id,
                    Resource = resource, Quantity = Math.Round(amount / centsPerUnit, 2), Unit = unit, Amount = amount,
                    Currency = options.Currency, PeriodStart = day, PeriodEnd = day.AddDays(1),
                };
                _items.Add((ChargePostings.Build(charge, Project.Name, commit.ShortSha, day.AddHours(23)), -amount));
            }
        }
    }

    private void AddPledgePayments()
    {
        for (var i = 0; i < setup.Pledges.Count; i++)
        {
            var pledge = setup.Pledges[i];
            var ends = pledge.EndedAt ?? now;
            for (var (at, month) = (pledge.StartedAt.AddHours(9), 0); at < ends && at < now; at = at.AddDays(30), month++)
            {
                AddGift(pledge.MonthlyAmount, potOptIn: i % 2 == 0, coverFees: false, pledge.PublicName, message: null,
                    $"demo:{spec.Slug}:pledge:{i}:{month}", at, pledge);
            }
        }
    }

    private void AddOneTimeGifts()
    {
        for (var month = 0; month < DemoSeeder.HistoryDays / 30; month++)
        {
            for (var n = 0; n < spec.OneTimeGiftsPerMonth; n++)
            {
                var at = start.AddDays(month * 30 + _random.Next(0, 30)).AddMinutes(_random.Next(8 * 60, 22 * 60));
                if (at >= now)
                {
                    continue;
                }

                var name = _random.Next(10) < 7 ? DemoProjects.BackerNames[_random.Next(DemoProjects.BackerNames.Length)] : null;
                var message = _random.Next(4) == 0 ? "Thank you for keeping this running!" : null;
                AddGift(GiftSizes[_random.Next(GiftSizes.Length)], potOptIn: _random.Next(2) == 0, coverFees: _random.Next(10) < 4,
                    name, message, $"demo:{spec.Slug}:gift:{month}:{n}", at, pledge: null);
            }
        }
    }

    /// <summary>
    /// A founding gift on day one, sized so the year ends at the balance the demo wants to show
    /// and the balance never dips below zero on the way.
    /// </summary>
    private void AddLaunchCampaign()
    {
        var (final, lowest) = (0L, 0L);
        foreach (var (_, net) in _items.OrderBy(i => i.Posting.At))
        {
            final += net;
            lowest = Math.Min(lowest, final);
        }

        var needed = Math.Max(TargetBalance() - final, -lowest + 500);
        var gross = DonationMath.GrossCoveringFees(needed, FeeSchedule.StripeCard);
        AddGift(gross, potOptIn: false, coverFees: false, "Launch campaign backers", "Launched together!",
            $"demo:{spec.Slug}:launch", start.AddHours(2), pledge: null);
    }

    /// <summary>The balance that lasts <see cref="DemoProject.TargetRunwayDays"/> by the runway's own model (a day's margin for rounding).</summary>
    private long TargetBalance()
    {
        var today = DateOnly.FromDateTime(now);
        var days = _items.Select(i => new DayFlow(DateOnly.FromDateTime(i.Posting.At ?? now),
            i.Posting.Kind == LedgerKind.Charge ? -i.Net : 0,
            i.Posting is { Kind: LedgerKind.Donation, Recurring: false }
                ? i.Posting.Lines.First(l => l.Kind == LedgerKind.Donation && l.Amount > 0).Amount
                : 0));
        var pledges = setup.Pledges.Where(p => p.Status == PledgeStatus.Active).Sum(p => p.MonthlyAmount);
        var gifts = _items.Where(i => i.Posting.Kind == LedgerKind.Donation).ToList();
        var donated = gifts.Sum(i => i.Posting.Lines.First(l => l.Kind == LedgerKind.Donation && l.Amount > 0).Amount);
        var inputs = FundingHistory.Inputs(0, pledges, days, today, typicalIncomeMonths, donated, gifts.Sum(i => i.Net));
        var figures = Funding.Compute(options.Currency, inputs, today);
        if (spec.TargetRunwayDays is not { } target || figures.RunwayDays is null)
        {
            return spec.HealthyBalance;
        }

        var drained = -figures.ProjectedBalance(target + 1);
        return drained - (drained + figures.ProjectedBalance(target)) / 2;
    }

    private void AddGift(long amount, bool potOptIn, bool coverFees, string? name, string? message, string key, DateTime at,
        Pledge? pledge)
    {
        var gross = coverFees ? DonationMath.GrossCoveringFees(amount, FeeSchedule.StripeCard) : amount;
        var fee = DonationMath.Fee(gross, FeeSchedule.StripeCard);
        var potShare = potOptIn ? DonationMath.PotShare(amount, options.PotPercent) : 0;
        var gift = new ReceivedGift(Project.Id, Project.Name, gross, fee, potShare, options.Currency, pledge is not null);
        var posting = DonationPostings.Build(gift, key, at, tx => new Donation
        {
            ProjectId = Project.Id, Amount = gross, Fee = fee, PotShare = potShare, Currency = options.Currency,
            Recurring = pledge is not null, PledgeId = pledge?.Id, PublicName = name, Message = message,
            Visibility = name is null ? DonorVisibility.Anonymous : DonorVisibility.NameAndAmount,
            Status = DonationStatus.Succeeded, CreatedAt = at, LedgerTransaction = tx,
            StripeSubscriptionId = pledge?.StripeSubscriptionId,
        });
        _items.Add((posting, gross - fee - potShare));
    }

    private static int StableSeed(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));
}
