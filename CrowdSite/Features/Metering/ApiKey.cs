using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Metering;

/// <summary>A platform API key, stored only as its SHA-256 hash: the key itself is shown once, at creation.</summary>
public sealed class ApiKey
{
    public int Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string Hash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "cs_" and 32 random bytes, URL-safe.</summary>
    public static string NewKey() =>
        "cs_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
