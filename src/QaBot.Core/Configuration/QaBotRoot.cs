namespace QaBot.Core.Configuration;

/// <summary>The folder relative paths in configuration are resolved against (see <see cref="QaBotPaths"/>).</summary>
public sealed record QaBotRoot(string Path)
{
    public string Resolve(string relativeOrAbsolute) => QaBotPaths.Resolve(Path, relativeOrAbsolute);
}
