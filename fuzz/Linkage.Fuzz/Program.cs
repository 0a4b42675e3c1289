using Linkage.Fuzz;
using SharpFuzz;

// `Linkage.Fuzz TARGET`: under afl-fuzz (scripts/fuzz.sh) SharpFuzz runs the target once per input in a child process
// that its out-of-process server restarts, so that even a stack overflow is a crash and not the end of the run; without
// afl-fuzz it reads one input from standard input, runs it once and prints the outcome.
// `Linkage.Fuzz seeds FOLDER` writes every target's seed corpus into FOLDER/TARGET/ (as checked in under fuzz/corpus).
if (args is ["seeds", var folder])
{
    foreach (var each in FuzzTargets.All)
    {
        Directory.CreateDirectory(Path.Combine(folder, each.Name));
        foreach (var (name, input) in each.Seeds()) File.WriteAllBytes(Path.Combine(folder, each.Name, name), input);
    }
    return 0;
}

if (args.Length != 1 || FuzzTargets.Named(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: Linkage.Fuzz <{string.Join('|', FuzzTargets.All.Select(t => t.Name))}>  (one input on standard input)");
    Console.Error.WriteLine("       Linkage.Fuzz seeds FOLDER");
    return 2;
}

if (Environment.GetEnvironmentVariable("__AFL_SHM_ID") is null)
{
    using var input = new MemoryStream();
    Console.OpenStandardInput().CopyTo(input);
    Console.WriteLine(target.Run(input.ToArray()));
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target.Run(input.ToArray());
});
return 0;
