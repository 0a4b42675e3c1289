using Google.Protobuf;
using Spectre.Console;

namespace Linkage.Cli;

/// <summary>
/// Where a command writes: Spectre (tables, status) for people, plain JSON for scripts (--json), errors to the error
/// writer. Colours and animation only on a real terminal; a redirected or captured writer gets plain text.
/// </summary>
public sealed class Terminal
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public Terminal(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        var isTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal) Ansi.Profile.Width = 200;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public IAnsiConsole Ansi { get; }

    /// <summary>One protobuf message as one line of canonical protobuf JSON (camelCase names, 64-bit numbers as strings).</summary>
    public void Json(IMessage message) => Output.WriteLine(Formatter.Format(message));

    /// <summary>The answer as JSON (--json) or for people, then exit code 0.</summary>
    public int Show(bool json, IMessage message, Action<IAnsiConsole> forPeople)
    {
        if (json) Json(message);
        else forPeople(Ansi);
        return ExitCodes.Ok;
    }
}
