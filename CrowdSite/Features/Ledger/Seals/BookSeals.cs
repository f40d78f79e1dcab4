using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger.Seals;

/// <summary>
/// Seals the ledger day by day, each seal chained to the one before (see <see cref="SealLines"/>), and gives
/// anyone the seals and the lines they cover. A day is sealed once it has been over for <see cref="Grace"/>; the
/// ledger never books into a sealed day (<see cref="SealedDays"/>).
/// </summary>
public sealed class BookSeals(IDbContextFactory<CrowdSiteDbContext> dbFactory, TimeProvider time, ILogger<BookSeals> logger)
{
    /// <summary>
    /// How long after midnight (UTC) a day waits for its seal: writers take "now" inside the ledger's write lock and
    /// commit within seconds, so by then every transaction of the day is in; it also absorbs clocks a little apart.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>Seals each closed day after the last sealed one (from the ledger's first day), in order; gives how many.</summary>
    public async Task<int> SealClosedDaysAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.DaySeals.AsNoTracking().OrderByDescending(s => s.Day).FirstOrDefaultAsync(ct);
        if (await FirstUnsealedDayAsync(db, last, ct) is not { } first)
        {
            return 0; // nothing posted yet
        }

        var previous = last?.Seal ?? SealLines.NoSeal;
        var sealedDays = 0;
        for (var day = first; IsClosed(day); day = day.AddDays(1))
        {
            var seal = await SealOfAsync(db, day, previous, ct);
            if (!await TryAddAsync(db, seal, ct))
            {
                return sealedDays; // the next run goes on from the seal that is there
            }

            previous = seal.Seal;
            sealedDays++;
        }

        return sealedDays;
    }

    /// <summary>The day after the last seal, or the ledger's first day; null when nothing is posted yet.</summary>
    private static async Task<DateOnly?> FirstUnsealedDayAsync(CrowdSiteDbContext db, DaySeal? last, CancellationToken ct)
    {
        if (last is not null)
        {
            return last.Day.AddDays(1);
        }

        return await db.LedgerTransactions.MinAsync(t => (DateTime?)t.At, ct) is { } first ? DateOnly.FromDateTime(first) : null;
    }

    private async Task<DaySeal> SealOfAsync(CrowdSiteDbContext db, DateOnly day, string previous, CancellationToken ct)
    {
        var (lines, sources) = await LinesAsync(db, day, ct);
        var dayHash = SealLines.DayHash(lines);
        return new DaySeal
        {
            Day = day, DayHash = dayHash, Previous = previous, Seal = SealLines.Chain(previous, dayHash),
            Transactions = sources.Count, Entries = sources.Sum(s => s.Transaction.Entries.Count),
            AccountSums = SealLines.AccountSums(sources.SelectMany(s => s.Transaction.Entries)), SealedAt = time.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>Stores the seal; false when another instance sealed the day meanwhile.</summary>
    private async Task<bool> TryAddAsync(CrowdSiteDbContext db, DaySeal seal, CancellationToken ct)
    {
        db.DaySeals.Add(seal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.DaySeals.AsNoTracking().AnyAsync(s => s.Day == seal.Day, ct))
            {
                throw;
            }

            logger.LogInformation("{Day} was sealed by another instance meanwhile", seal.Day);
            return false;
        }

        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>
    /// Recomputes the day hash of the last <paramref name="days"/> sealed days and gives those that no longer match
    /// their seal: an entry was written into, or removed from, a sealed day. It must never happen; each one is logged.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> ChangedSealedDaysAsync(int days, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var seals = await db.DaySeals.AsNoTracking().OrderByDescending(s => s.Day).Take(days).ToListAsync(ct);
        var changed = new List<DateOnly>();
        foreach (var seal in seals)
        {
            if (SealLines.DayHash((await LinesAsync(db, seal.Day, ct)).Lines) != seal.DayHash)
            {
                logger.LogCritical("The ledger of sealed day {Day} no longer matches its seal {Seal}: an entry was written into it or taken out", seal.Day, seal.Seal);
                changed.Add(seal.Day);
            }
        }

        return changed;
    }

    public async Task<DaySeal?> LatestAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DaySeals.AsNoTracking().OrderByDescending(s => s.Day).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<DaySeal>> SealsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DaySeals.AsNoTracking().OrderBy(s => s.Day).ToListAsync(ct);
    }

    /// <summary>Every project's stable id with its slug and repository: how a verifier reads the lines' project ids.</summary>
    public async Task<IReadOnlyList<SealedProject>> ProjectsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => new SealedProject(p.Id, p.Slug, p.Repository)).ToListAsync(ct);
    }

    /// <summary>The canonical lines of a sealed day, or null when the day is not sealed (yet).</summary>
    public async Task<byte[]?> ExportAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DaySeals.AnyAsync(s => s.Day == day, ct) ? (await LinesAsync(db, day, ct)).Lines : null;
    }

    private bool IsClosed(DateOnly day) => time.GetUtcNow().UtcDateTime >= SealedDays.StartOf(day.AddDays(1)) + Grace;

    private static async Task<(byte[] Lines, IReadOnlyList<SealLines.Source> Sources)> LinesAsync(CrowdSiteDbContext db, DateOnly day, CancellationToken ct)
    {
        var (from, to) = (SealedDays.StartOf(day), SealedDays.StartOf(day.AddDays(1)));
        var sources = (await db.LedgerTransactions.AsNoTracking().Include(t => t.Entries).Include(t => t.Commit)
                .Where(t => t.At >= from && t.At < to).ToListAsync(ct))
            .Select(t => new SealLines.Source(t, t.Commit?.Repository, t.Commit?.Sha)).ToList();
        return (SealLines.Write(sources), sources);
    }
}
