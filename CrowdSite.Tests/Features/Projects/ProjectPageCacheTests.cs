using CrowdSite.Features.Ledger;
using CrowdSite.Features.Live;
using CrowdSite.Features.Projects;
using Microsoft.Extensions.Caching.Memory;

namespace CrowdSite.Tests.Features.Projects;

public sealed class ProjectPageCacheTests
{
    private readonly InProcessLiveUpdates _live = new();
    private readonly ProjectPageCache _cache;

    public ProjectPageCacheTests() => _cache = new ProjectPageCache(new MemoryCache(new MemoryCacheOptions()), _live);

    [Fact]
    public async Task SecondLoad_WithNothingChanged_ComesFromTheCache()
    {
        var loads = 0;

        await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));
        var version = _cache.VersionOf("demo");
        var second = await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));

        Assert.Equal(1, loads);
        Assert.Equal(1, second!.BackerCount);
        Assert.Equal(version, _cache.VersionOf("demo"));
    }

    [Fact]
    public async Task ChangeLandingDuringTheFirstLoad_IsNotHiddenByTheCache()
    {
        var loads = 0;
        var before = _cache.VersionOf("demo");

        await _cache.GetOrLoadAsync("demo", async () =>
        {
            var model = Model(7, ++loads); // read before the charge committed...
            _live.Publish(LiveTopic.Project(7)); // ...which lands while the page is still loading
            return model;
        });
        var next = await _cache.GetOrLoadAsync("demo", () => Task.FromResult<ProjectPageModel?>(Model(7, ++loads)));

        Assert.NotEqual(before, _cache.VersionOf("demo"));
        Assert.Equal(2, next!.BackerCount);
    }

    [Fact]
    public async Task OneProjectsChange_LeavesAnotherProjectsVersion()
    {
        await _cache.GetOrLoadAsync("a", () => Task.FromResult<ProjectPageModel?>(Model(1, 1)));
        await _cache.GetOrLoadAsync("b", () => Task.FromResult<ProjectPageModel?>(Model(2, 1)));
        var (a, b) = (_cache.VersionOf("a"), _cache.VersionOf("b"));

        _live.Publish(LiveTopic.Project(2));

        Assert.Equal(a, _cache.VersionOf("a"));
        Assert.NotEqual(b, _cache.VersionOf("b"));
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
