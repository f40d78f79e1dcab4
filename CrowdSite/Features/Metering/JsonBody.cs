using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>Reads a request's JSON body with a size limit; too large is a 413, malformed JSON a 400 that says where.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        ProblemHttpResult TooLarge() =>
            TypedResults.Problem(FormattableString.Invariant($"The body is larger than {maxBytes:N0} bytes."), statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge());
        }

        try
        {
            await using var limited = new LimitedReadStream(request.Body, maxBytes);
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return (await JsonSerializer.DeserializeAsync<T>(limited, options, ct), null);
        }
        catch (LimitedReadStream.TooLargeException)
        {
            return (default, TooLarge());
        }
        catch (JsonException ex)
        {
            return (default, TypedResults.Problem($"The body is not valid JSON for this endpoint: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON"));
        }
    }
}
