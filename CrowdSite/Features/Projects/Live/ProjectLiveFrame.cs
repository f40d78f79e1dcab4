namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// One change of a project page as every viewer receives it: the server-sent event, framed and encoded once
/// (id = the project's live version), so sending it to thousands of viewers is a copy of the same bytes.
/// <see cref="Full"/> carries every region; <see cref="Delta"/> only those that changed since the frame of
/// <see cref="PreviousVersion"/>, for viewers who received that one (most of them).
/// </summary>
public sealed record ProjectLiveFrame(long Version, long PreviousVersion, ReadOnlyMemory<byte> Full, ReadOnlyMemory<byte> Delta)
{
    public ReadOnlyMemory<byte> EventFor(long lastSent) => lastSent == PreviousVersion ? Delta : Full;
}
