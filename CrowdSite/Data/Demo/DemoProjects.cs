using CrowdSite.Features.Projects;

namespace CrowdSite.Data.Demo;

internal static class DemoProjects
{
    public static IReadOnlyList<DemoProject> All(string platformRepository) =>
    [
        new("crowdsite", "CrowdSite", platformRepository,
            "The platform itself, funded the way it funds everyone else.", "Platform", ProjectStatus.Active,
            """
            CrowdSite is the public face of a crowd-funded hosting platform. It runs on itself: this page,
            its charts and its ledger are paid for by donations like every other project here.

            **Every cent is visible.** The ledger below lists each donation, fee and compute charge, and each
            charge names the commit that was running when it was incurred.
            """,
            Costs(compute: 300, memory: 120, storage: 40, bandwidth: 60, database: 90),
            [new("Ada L.", 5000, 2), new("Grace H.", 2500, 10), new(null, 10000, 40), new("Linus T.", 2000, 75),
             new("Margaret H.", 5000, 120), new(null, 1500, 150), new("Ken T.", 3000, 200), new("Barbara L.", 2500, 260)],
            OneTimeGiftsPerMonth: 6, TargetRunwayDays: null, HealthyBalance: 145_000),
        new("takahe", "Takahē Social", "jointakahe/takahe",
            "A friendly microblog for small communities: posts, follows and timelines on the fediverse.", "Social", ProjectStatus.Active,
            """
            A Twitter-like microblog server that speaks ActivityPub, hosting several small communities on one
            installation. Donations pay for its web workers, its database and the media it stores.
            """,
            Costs(compute: 140, memory: 60, storage: 55, database: 65),
            [new("Ravi", 1500, 5), new(null, 1000, 30), new("Mina K.", 1000, 60), new("Jonas", 1000, 90, 240), new("Sofia", 500, 150)],
            OneTimeGiftsPerMonth: 1, TargetRunwayDays: 64, HealthyBalance: 0),
        new("miniflux", "Miniflux Reader", "miniflux/v2",
            "A minimalist, fast feed reader for everyone who still loves RSS.", "Productivity", ProjectStatus.Active,
            """
            A hosted instance of Miniflux: a small, opinionated feed reader. It fetches feeds for its readers
            every hour, which is most of its compute bill.
            """,
            Costs(compute: 70, memory: 25, storage: 15, bandwidth: 30),
            [new("Oskar", 1000, 1), new(null, 1500, 20), new("Hannah B.", 1000, 45), new("Theo", 500, 100)],
            OneTimeGiftsPerMonth: 2, TargetRunwayDays: null, HealthyBalance: 62_000),
        new("lobsters", "Lobsters", "lobsters/lobsters",
            "A computing-focused link aggregation community with invite-only membership.", "Community", ProjectStatus.Active,
            """
            A hosted link aggregator and discussion site focused on computing. Traffic spikes when a story
            reaches the front page of other sites, and so does the bandwidth bill.
            """,
            Costs(compute: 160, memory: 70, bandwidth: 90, database: 80),
            [new("Peter", 2500, 3), new(null, 2000, 50), new("Alyssa P.", 1500, 110, 300), new("Ben B.", 1000, 180)],
            OneTimeGiftsPerMonth: 1, TargetRunwayDays: 17, HealthyBalance: 0),
        new("umami", "Umami Analytics", "umami-software/umami",
            "Privacy-friendly web analytics for open-source project websites.", "Analytics", ProjectStatus.Active,
            """
            Cookie-free, privacy-respecting analytics offered to open-source project websites at no charge.
            Its database grows with every page view it counts.
            """,
            Costs(compute: 90, memory: 35, storage: 30, database: 80),
            [new("Clara", 1500, 8), new(null, 1000, 70), new("Wei", 1000, 130), new("Noor", 500, 210)],
            OneTimeGiftsPerMonth: 1, TargetRunwayDays: 71, HealthyBalance: 0),
        new("excalidraw", "Excalidraw Rooms", "excalidraw/excalidraw",
            "Hand-drawn-style whiteboard rooms for classrooms and meetups, on the free tier.", "Creative", ProjectStatus.FreeTier,
            """
            Collaborative whiteboard rooms for schools and meetups. It runs on the free tier: the pot that
            donors fill with 1% of their gifts helps pay its small compute bill.
            """,
            Costs(compute: 20, memory: 8, bandwidth: 9),
            [new("Lena", 300, 15), new(null, 200, 160)],
            OneTimeGiftsPerMonth: 1, TargetRunwayDays: 210, HealthyBalance: 0),
    ];

    private static Dictionary<string, long> Costs(long compute = 0, long memory = 0, long storage = 0, long bandwidth = 0, long database = 0) =>
        new Dictionary<string, long>
        {
            ["compute"] = compute, ["memory"] = memory, ["storage"] = storage, ["bandwidth"] = bandwidth, ["database"] = database,
        }.Where(kv => kv.Value > 0).ToDictionary();

    /// <summary>Unit and price (cents per unit) each resource is metered in, to derive a quantity.</summary>
    public static (string Unit, double CentsPerUnit) Metering(string resource) => resource switch
    {
        "compute" => ("vCPU-hours", 4.0),
        "memory" => ("GB-hours", 0.5),
        "storage" => ("GB-days", 0.8),
        "bandwidth" => ("GB", 5.0),
        "database" => ("instance-hours", 10.0),
        _ => ("units", 1.0),
    };

    public static readonly string[] BackerNames =
    [
        "Alex", "Priya S.", "Tom", "Yuki", "Fatima", "Lars", "Chen W.", "Amara", "Diego", "Ingrid", "Kofi", "Elena R.",
        "Sam", "Olu", "Hiro", "Marta", "Nadia", "Pavel", "Rosa", "Arjun", "Beatriz", "Emil", "Zoe", "Tariq",
    ];
}
