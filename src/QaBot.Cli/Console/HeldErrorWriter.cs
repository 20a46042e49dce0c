using System.Text;

namespace QaBot.Cli.Console;

/// <summary>
/// Standard error with a hold: while a progress bar draws on the terminal, what is written to standard
/// error (log lines) is kept and written out when the hold ends, so it cannot break into the bar. The
/// CLI installs it as <see cref="System.Console.Error"/> before anything (the loggers) captures that.
/// </summary>
internal sealed class HeldErrorWriter(TextWriter inner) : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _held = new();
    private int _holds;

    public override Encoding Encoding => inner.Encoding;

    /// <summary>Holds output until the returned scope is disposed (scopes nest).</summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Release(this);
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (_holds > 0)
            {
                _held.Append(value);
                return;
            }

            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            if (_holds > 0)
            {
                _held.Append(value);
                return;
            }

            inner.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            if (_holds > 0)
            {
                _held.Append(buffer, index, count);
                return;
            }

            inner.Write(buffer, index, count);
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            inner.Flush();
        }
    }

    private void EndHold()
    {
        lock (_gate)
        {
            if (--_holds == 0 && _held.Length > 0)
            {
                inner.Write(_held.ToString());
                inner.Flush();
                _held.Clear();
            }
        }
    }

    private sealed class Release(HeldErrorWriter writer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                writer.EndHold();
            }
        }
    }
}
