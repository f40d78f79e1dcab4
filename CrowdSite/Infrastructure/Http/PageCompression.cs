using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CrowdSite.Infrastructure.Http;

/// <summary>
/// Brotli or gzip for pages and API answers (static files come precompressed from the build through
/// <c>MapStaticAssets</c>). Against BREACH (a secret in a compressed body that also reflects an attacker's input
/// leaks through the body's size) only responses without a secret are compressed: never for a signed-in visitor,
/// never a page that holds a form token (<see cref="MarkSecret"/>, called where tokens are minted: the simulated
/// checkout, sign-out), never a response that sets a cookie. Public pages hold nothing of the visitor's, so a
/// size difference tells an attacker nothing. Live streams (<c>text/event-stream</c>) are not in the list, so they
/// are never buffered by a compressor.
/// </summary>
public static class PageCompression
{
    private static readonly string[] MimeTypes =
        ["text/html", "application/json", "application/problem+json", "text/csv", "application/atom+xml", "image/svg+xml"];

    public static WebApplicationBuilder AddPageCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // safe with the rule above
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<IResponseCompressionProvider, SecretFreeCompressionProvider>();
        return builder;
    }

    private static readonly object SecretKey = new();

    /// <summary>This response will hold a secret (a form token): it goes out uncompressed.</summary>
    public static void MarkSecret(HttpContext http) => http.Items[SecretKey] = true;

    /// <summary>True when a response may carry a secret, so it must go out uncompressed.</summary>
    public static bool MayCarrySecret(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        || http.Items.ContainsKey(SecretKey)
        || http.Response.Headers.SetCookie.Count > 0;

    private sealed class SecretFreeCompressionProvider(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            !MayCarrySecret(context) && base.ShouldCompressResponse(context);
    }
}
