using Linkage.Contracts.V1;

namespace Linkage.EndToEnd.Tests.CrashMatrix;

/// <summary>Both chains through the Records Verify RPC: intact, each checked against the head the hub witnessed.</summary>
internal static class CrashChains
{
    /// <returns>How many signed checkpoints the verifications checked.</returns>
    public static async Task<int> AssertVerifiedAsync(Records.RecordsClient records)
    {
        var checkpoints = 0;
        foreach (var chain in new[] { Chain.ProvisionRecords, Chain.OperationLog })
        {
            var verified = await records.VerifyAsync(new VerifyRequest { Chain = chain });
            var described = string.Join("; ", verified.Chains.Select(c =>
                $"{c.ChainId}: intact {c.Intact}, {c.EntriesChecked} entries, {c.CheckpointsChecked} checkpoints, witnessed to {c.WitnessedSequence}, {c.Description}"));
            Assert.True(verified.Intact, $"{chain} does not verify: {described}");
            Assert.True(verified.Chains.All(c => c.HubCompared), $"{chain} was not compared with the hub's witnessed head: {described}");
            checkpoints += verified.Chains.Sum(c => c.CheckpointsChecked);
        }
        return checkpoints;
    }
}
