// Benchmarks a person can run: bash bench/project-page.sh, bash bench/ingest.sh.
internal static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "page":
                await PageBenchmark.RunAsync();
                return 0;
            case "ingest":
                await IngestBenchmark.RunAsync();
                return 0;
            default:
                Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Bench -- page|ingest");
                return 2;
        }
    }
}
