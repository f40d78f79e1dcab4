using System.Security.Claims;
using CrowdSite.Features.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.TestSupport;

/// <summary>People signed in the way the site signs them in: each gets a live server-side session in the factory's database.</summary>
public static class SignedInPeople
{
    public static async Task SignInAsync(this CrowdSiteFactory factory, params ClaimsPrincipal[] people)
    {
        var sessions = factory.Services.GetRequiredService<SignInSessions>();
        foreach (var person in people)
        {
            await sessions.StartAsync(person);
        }
    }
}
