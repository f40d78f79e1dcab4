using System.Security.Cryptography;
using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// Following a project by email with double opt-in: an address is stored unconfirmed with a random token and
/// gets one confirmation link; only a confirmed address gets alerts. Unsubscribing deletes the address.
/// </summary>
public sealed class FollowService(IDbContextFactory<CrowdSiteDbContext> dbFactory, OutboxSignal signal, TimeProvider time)
{
    /// <summary>How many confirmation messages one unconfirmed address may be sent (asking again resends, up to this).</summary>
    public const int MaxConfirmations = 3;

    public static readonly TimeSpan UnconfirmedKeptFor = TimeSpan.FromDays(7);

    public async Task<FollowResult> FollowAsync(string slug, string? email, bool runwayAlerts, bool updateAlerts, CancellationToken ct = default)
    {
        var address = Normalize(email);
        var errors = Validate(address, runwayAlerts, updateAlerts);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projectId = await db.Projects.Where(p => p.Slug == slug).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (projectId is null)
        {
            return new FollowResult(FollowOutcome.ProjectNotFound);
        }

        if (errors.Count > 0)
        {
            return new FollowResult(FollowOutcome.Invalid, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var follower = await db.Followers.FirstOrDefaultAsync(f => f.ProjectId == projectId && f.Email == address, ct);
        if (follower is { ConfirmedAt: not null })
        {
            // Already following: nothing changes and nothing is sent, and the answer is the same as for a new
            // address, so the form cannot tell anyone who follows what. (To change choices: unsubscribe, follow again.)
            return new FollowResult(FollowOutcome.ConfirmationSent);
        }

        if (follower is null)
        {
            follower = new Follower { ProjectId = projectId.Value, Email = address!, Token = NewToken(), CreatedAt = now };
            db.Followers.Add(follower);
        }

        (follower.RunwayAlerts, follower.UpdateAlerts) = (runwayAlerts, updateAlerts);
        await SaveWithConfirmationAsync(db, follower, now, ct);
        signal.Pulse();
        return new FollowResult(FollowOutcome.ConfirmationSent);
    }

    private static Dictionary<string, string[]> Validate(string? address, bool runwayAlerts, bool updateAlerts)
    {
        var errors = new Dictionary<string, string[]>();
        if (address is null)
        {
            errors["email"] = ["An email address such as you@example.org."];
        }

        if (!runwayAlerts && !updateAlerts)
        {
            errors["alerts"] = ["Choose funding alerts, updates, or both."];
        }

        return errors;
    }

    /// <summary>Stores the follower and, in the same transaction, queues a confirmation unless it has had <see cref="MaxConfirmations"/>.</summary>
    private static async Task SaveWithConfirmationAsync(CrowdSiteDbContext db, Follower follower, DateTime now, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            var sent = await db.OutboxMessages.CountAsync(m => m.FollowerId == follower.Id && m.Kind == OutboxKind.Confirmation, ct);
            if (sent < MaxConfirmations)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Key = AlertOutbox.ConfirmationKey(follower.Id, sent + 1), FollowerId = follower.Id, Kind = OutboxKind.Confirmation,
                    CreatedAt = now, NextAttemptAt = now,
                });
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same address asked twice at once: the other request stored it and sends the confirmation.
        }
    }

    /// <summary>Confirms the address the token was sent to; null for an unknown token (never sent, or unsubscribed).</summary>
    public async Task<FollowedProject?> ConfirmAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Followers.FirstOrDefaultAsync(f => f.Token == token, ct) is not { } follower)
        {
            return null;
        }

        follower.ConfirmedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return await ProjectOfAsync(db, follower, ct);
    }

    /// <summary>Deletes the address the token belongs to, with its queued messages; null when it was already gone.</summary>
    public async Task<FollowedProject?> UnsubscribeAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Followers.FirstOrDefaultAsync(f => f.Token == token, ct) is not { } follower)
        {
            return null;
        }

        var project = await ProjectOfAsync(db, follower, ct);
        db.Followers.Remove(follower); // the outbox rows go with it (cascade)
        await db.SaveChangesAsync(ct);
        return project;
    }

    public async Task<FollowedProject?> FindAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Followers.AsNoTracking().FirstOrDefaultAsync(f => f.Token == token, ct) is { } follower
            ? await ProjectOfAsync(db, follower, ct)
            : null;
    }

    /// <summary>Addresses never confirmed are personal data kept for nothing: deleted after <see cref="UnconfirmedKeptFor"/>.</summary>
    public async Task<int> ForgetUnconfirmedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = time.GetUtcNow().UtcDateTime - UnconfirmedKeptFor;
        return await db.Followers.Where(f => f.ConfirmedAt == null && f.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>A plain address (no display name), trimmed and lower-cased, at most 254 characters; null when it is not one.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            || !string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal) || mailbox.Domain is not { Length: > 0 } domain || !domain.Contains('.'))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    private static async Task<FollowedProject> ProjectOfAsync(CrowdSiteDbContext db, Follower follower, CancellationToken ct)
    {
        var project = await db.Projects.Where(p => p.Id == follower.ProjectId).Select(p => new { p.Slug, p.Name }).SingleAsync(ct);
        return new FollowedProject(project.Slug, project.Name, follower.ConfirmedAt is not null);
    }

    internal static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
