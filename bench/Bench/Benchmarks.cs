// Benchmarks a person can run: bash bench/project-page.sh, bash bench/ingest.sh, bash bench/live-fanout.sh.
internal static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "page" when args.Length >= 3 && args[1] == "--postgres":
                await PageBenchmark.RunAsync(args[2]);
                return 0;
            case "page":
                await PageBenchmark.RunAsync();
                return 0;
            case "ingest" when args.Length >= 3 && args[1] == "--postgres":
                await PostgresIngestBenchmark.RunAsync(args[2]);
                return 0;
            case "ingest":
                await IngestBenchmark.RunAsync();
                return 0;
            case "live" when args.Length >= 2:
                await LiveFanoutBenchmark.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5_000,
                    args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 30,
                    args.Length > 4 ? args[4] : null, args.Length > 5 ? args[5] : null);
                return 0;
            case "writers" when args.Length >= 4:
                await OutsideWriters.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2], args[3]);
                return 0;
            default:
                Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Bench -- page|ingest|live APP_DLL [VIEWERS] [SECONDS] [simulated|stripe|two-instances POSTGRES]");
                return 2;
        }
    }
}
