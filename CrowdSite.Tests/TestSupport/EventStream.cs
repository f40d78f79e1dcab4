using System.Globalization;
using System.Text.Json;

namespace CrowdSite.Tests.TestSupport;

/// <summary>An event: its version, the id as sent (epoch.version) and its data.</summary>
public sealed record SseEvent(long Id, string RawId, JsonElement Data);

/// <summary>A minimal EventSource: reads `id:` and `data:` lines up to the blank line that ends an event.</summary>
public sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
{
    public static async Task<EventStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<SseEvent> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? id = null;
        string? data = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
            else if (line.Length == 0 && id is { } eventId && data is not null)
            {
                return new SseEvent(long.Parse(eventId[(eventId.IndexOf('.') + 1)..], CultureInfo.InvariantCulture), eventId, JsonDocument.Parse(data).RootElement);
            }
        }

        throw new EndOfStreamException("The stream ended before an event.");
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
