using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using static System.FormattableString;

namespace CrowdSite.Infrastructure.Http;

/// <summary>RFC 7807 answers with a message a person understands.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult ProjectNotFound(string slug) =>
        TypedResults.Problem($"There is no project '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "Project not found");

    public static ProblemHttpResult BadParameter(string parameter, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
