using System.Security.Cryptography;
using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>Checks a presented bearer key against the configured hashes and the database's, in constant time.</summary>
public sealed class PlatformKeys(IDbContextFactory<CrowdSiteDbContext> dbFactory, IOptionsMonitor<MeteringOptions> options, TimeProvider time)
{
    public const string Scheme = "Bearer ";

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }

    /// <summary>
    /// The hash of a key we know, or null, from a short-lived in-memory copy of the hashes: the rate limiter uses it
    /// to give real keys their own budget, so random tokens cannot each get a fresh one.
    /// </summary>
    public string? KnownHashCached(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var hashes = _known;
        if (hashes is null || time.GetUtcNow() - _knownAt > KnownLifetime)
        {
            using var db = dbFactory.CreateDbContext();
            hashes = [.. options.CurrentValue.ApiKeyHashes.Select(h => h.ToLowerInvariant()), .. db.ApiKeys.Where(k => k.RevokedAt == null).Select(k => k.Hash)];
            (_known, _knownAt) = (hashes, time.GetUtcNow());
        }

        var hash = ApiKey.HashOf(key);
        return hashes.Contains(hash) ? hash : null;
    }

    private static readonly TimeSpan KnownLifetime = TimeSpan.FromSeconds(30);
    private HashSet<string>? _known;
    private DateTimeOffset _knownAt;

    public async Task<bool> IsValidAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return false;
        }

        var presented = Convert.FromHexString(ApiKey.HashOf(key));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ApiKeys.Where(k => k.RevokedAt == null).Select(k => k.Hash).ToListAsync(ct);
        var valid = false;
        // Compare with every hash, whatever matched, so timing says nothing about which or whether.
        foreach (var hash in options.CurrentValue.ApiKeyHashes.Concat(stored))
        {
            if (hash.Length == 64 && IsHex(hash))
            {
                valid |= CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(hash));
            }
        }

        return valid;
    }

    /// <summary>Creates a key, stores its hash, and returns the key: the only time it is ever seen.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken ct = default)
    {
        var key = ApiKey.NewKey();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(new ApiKey { Name = name, Hash = ApiKey.HashOf(key), CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        _known = null;
        return key;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
