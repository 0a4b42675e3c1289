namespace Linkage.Fuzz;

/// <summary>A target met something its parser does not promise: a crash.</summary>
public sealed class FuzzFindingException(string message, Exception? inner = null) : Exception(message, inner);
