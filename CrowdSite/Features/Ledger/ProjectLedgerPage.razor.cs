using CrowdSite.Features.Live;
using CrowdSite.Features.Projects;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using static System.FormattableString;

namespace CrowdSite.Features.Ledger;

/// <summary>A project's full ledger: server-paged, filtered by kind, dates and commit, live as entries arrive.</summary>
public sealed partial class ProjectLedgerPage
{
    private Project? _project;
    private bool _notFound;
    private MudDataGrid<LedgerItem>? _grid;
    private List<LedgerKind> _kinds = [];
    private DateRange? _range;
    private string? _commit;
    private LiveSubscription? _changes;

    [Inject] public required ProjectDirectory Directory { get; init; }
    [Inject] public required LedgerQueries Ledger { get; init; }
    [Inject] public required ILiveUpdates Live { get; init; }
    [Inject] public required LiveCircuit Circuit { get; init; }
    [Parameter] public string Slug { get; set; } = "";

    /// <summary>A deployment's commit (its card links here with <c>?commit=</c>): the filter starts with it.</summary>
    [SupplyParameterFromQuery(Name = "commit")] public string? CommitQuery { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var listening = _project?.Id;
        if (_project is null && !string.IsNullOrWhiteSpace(CommitQuery))
        {
            _commit = CommitQuery.Trim();
        }

        _project = await Directory.FindAsync(Slug);
        _notFound = _project is null;
        if (_project?.Id != listening)
        {
            _changes?.Dispose();
            _changes = _project is null ? null : Live.ListenWhileConnected(LiveTopic.Project(_project.Id), Circuit, () => InvokeAsync(ReloadAsync));
        }
    }

    public LedgerFilter Filter => new(
        From: _range?.Start is { } start ? DateTime.SpecifyKind(start.Date, DateTimeKind.Utc) : null,
        To: _range?.End is { } end ? DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc) : null,
        Kinds: _kinds.Count > 0 ? _kinds : null,
        CommitSha: string.IsNullOrWhiteSpace(_commit) ? null : _commit);

    private async Task<GridData<LedgerItem>> LoadAsync(GridState<LedgerItem> state, CancellationToken ct)
    {
        if (_project is null)
        {
            return new GridData<LedgerItem> { Items = [], TotalItems = 0 };
        }

        var (items, total) = await Ledger.NewestFirstAsync(_project.Id, Filter, state.Page * state.PageSize, state.PageSize, ct);
        return new GridData<LedgerItem> { Items = items, TotalItems = total };
    }

    private Task OnKindsChangedAsync(IEnumerable<LedgerKind>? kinds)
    {
        _kinds = kinds?.ToList() ?? [];
        return ReloadAsync();
    }

    private Task OnRangeChangedAsync(DateRange? range)
    {
        _range = range;
        return ReloadAsync();
    }

    private Task OnCommitChangedAsync(string? commit)
    {
        _commit = commit?.Trim();
        return ReloadAsync();
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>The read API's export of exactly what the filters show (JSON pages: follow `next`).</summary>
    private string ExportUrl(string format)
    {
        var query = new List<string> { $"format={format}" };
        if (_range?.Start is { } from)
        {
            query.Add(Invariant($"from={from:yyyy-MM-dd}"));
        }

        if (_range?.End is { } to)
        {
            query.Add(Invariant($"to={to:yyyy-MM-dd}")); // the API reads a bare end date as the whole day
        }

        if (format == "json")
        {
            query.Add($"limit={LedgerQueries.MaxPageSize}");
        }

        return $"/api/v1/projects/{Slug}/ledger?{string.Join('&', query)}";
    }

    private static string KindLabel(LedgerKind kind) => kind switch
    {
        LedgerKind.PotContribution => "Pot contribution",
        _ => kind.ToString(),
    };

    private static Color KindColor(LedgerKind kind) => kind switch
    {
        LedgerKind.Donation or LedgerKind.Grant => Color.Success,
        LedgerKind.Charge => Color.Primary,
        LedgerKind.Refund or LedgerKind.Reversal => Color.Warning,
        _ => Color.Default,
    };

    public void Dispose() => _changes?.Dispose();
}
