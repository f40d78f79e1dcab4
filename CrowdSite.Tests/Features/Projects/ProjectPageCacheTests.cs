using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Projects;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ProjectPageCacheTests
{
    private readonly InProcessLiveUpdates _live = new();
    private readonly ProjectPageCache _cache;

    public ProjectPageCacheTests() => _cache = new ProjectPageCache(new MemoryCache(new MemoryCacheOptions()), _live,
        new ProjectIds((slug, _) => Task.FromResult<int?>(slug switch { "a" => 1, "b" => 2, "demo" => 7, _ => null })));

    [Fact]
    public async Task SecondLoad_WithNothingChanged_ComesFromTheCache()
    {
        var loads = 0;

        await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));
        var version = await _cache.VersionOfAsync("demo");
        var second = await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));

        Assert.Equal(1, loads);
        Assert.Equal(1, second!.BackerCount);
        Assert.Equal(version, await _cache.VersionOfAsync("demo"));
    }

    [Fact]
    public async Task ChangeLandingDuringTheFirstLoad_IsNotHiddenByTheCache()
    {
        var loads = 0;
        var before = await _cache.VersionOfAsync("demo");

        await _cache.GetOrLoadAsync("demo", async () =>
        {
            var model = Model(7, ++loads); // read before the charge committed...
            _live.Publish(LiveTopic.Project(7)); // ...which lands while the page is still loading
            return model;
        });
        var next = await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));

        Assert.NotEqual(before, await _cache.VersionOfAsync("demo"));
        Assert.Equal(2, next!.BackerCount);
    }

    [Fact]
    public async Task OneProjectsChange_LeavesAnotherProjectsVersion()
    {
        await _cache.GetOrLoadAsync("a", () => Task.FromResult<ProjectPageModel?>(Model(1, 1)));
        await _cache.GetOrLoadAsync("b", () => Task.FromResult<ProjectPageModel?>(Model(2, 1)));
        var (a, b) = (await _cache.VersionOfAsync("a"), await _cache.VersionOfAsync("b"));

        _live.Publish(LiveTopic.Project(2));

        Assert.Equal(a, await _cache.VersionOfAsync("a"));
        Assert.NotEqual(b, await _cache.VersionOfAsync("b"));
    }

    [Fact]
    public async Task FirstLoad_WhileAnotherProjectsMoneyMoves_IsStillTheCopyTheNextViewGets()
    {
        var loads = 0;

        await _cache.GetOrLoadAsync("demo", async () =>
        {
            _live.Publish(LiveTopic.Project(1)); // a charge for another project lands during this project's first load
            return Model(7, ++loads);
        });
        var second = await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));

        Assert.Equal(1, loads);
        Assert.Equal(1, second!.BackerCount);
    }

    [Fact]
    public async Task UnknownSlug_HasNoVersion_AndIsNeverKept()
    {
        var loads = 0;

        await _cache.GetOrLoadAsync("nobody", () => { loads++; return Task.FromResult<ProjectPageModel?>(null); });
        await _cache.GetOrLoadAsync("nobody", () => { loads++; return Task.FromResult<ProjectPageModel?>(null); });

        Assert.Null(await _cache.VersionOfAsync("nobody"));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task ManyViewersAtOnce_LoadTheModelOnce()
    {
        var loads = 0;
        var gate = new TaskCompletionSource();

        var views = Enumerable.Range(0, 50).Select(_ => _cache.GetOrLoadAsync("demo", async () =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return Model(7, 1);
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(views);

        Assert.Equal(1, loads);
    }

    /// <summary>A bare model; <paramref name="marker"/> rides in BackerCount to tell loads apart.</summary>
    private static ProjectPageModel Model(int projectId, int marker) => new(
        new Project { Id = projectId, Slug = projectId switch { 1 => "a", 2 => "b", _ => "demo" }, Name = "Demo", Repository = "octo/demo", Currency = "USD" },
        Funding.Compute("USD", 0, 0, 0, new DateOnly(2026, 11, 26)),
        new FundingTotals(0, 0, 0, 0, 0, 0), [], [], [], [], [], marker, "", [], [], new CrowdSite.Features.Projects.Usage.UsageFigures(null, null, null, [], []));
}
