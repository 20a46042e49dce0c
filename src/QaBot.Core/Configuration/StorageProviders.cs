namespace QaBot.Core.Configuration;

/// <summary>The values of <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static bool IsPostgres(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(options.Provider, Postgres, StringComparison.OrdinalIgnoreCase);
    }
}
