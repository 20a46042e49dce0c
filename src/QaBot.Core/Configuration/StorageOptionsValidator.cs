using Microsoft.Extensions.Options;

namespace QaBot.Core.Configuration;

/// <summary>Rules across the storage fields: a known provider, and a connection string for PostgreSQL.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
            && !StorageProviders.IsPostgres(options))
        {
            return ValidateOptionsResult.Fail(
                $"{StorageOptions.SectionName}:Provider '{options.Provider}' is not a storage provider; use {StorageProviders.Sqlite} or {StorageProviders.Postgres}.");
        }

        if (StorageProviders.IsPostgres(options))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    $"{StorageOptions.SectionName}:ConnectionString is required when {StorageOptions.SectionName}:Provider is {StorageProviders.Postgres} "
                    + "(e.g. QaBot__Storage__ConnectionString=\"Host=…;Database=…;Username=…;Password=…\").");
            }

            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The message names the bad keyword, never the value (which may hold the password).
                return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
