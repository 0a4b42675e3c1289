namespace Linkage.Gateway.StaffConsole;

/// <summary>What the refusal page shows: a title, the words, the reason code, and where to go back to.</summary>
public sealed record ConsoleRefusal(string Title, string Message, string Reason, int StatusCode, bool CanSignIn = false);
