namespace CrowdSite.Features.Metering;

/// <summary>Lets a request through only with a valid platform key (Authorization: Bearer), before any body is read.</summary>
public sealed class PlatformKeyFilter(PlatformKeys keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await keys.IsValidAsync(PlatformKeys.BearerOf(context.HttpContext.Request), context.HttpContext.RequestAborted)
            ? await next(context)
            : TypedResults.Problem("Send a platform API key as Authorization: Bearer <key>.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Not authorized");
}
