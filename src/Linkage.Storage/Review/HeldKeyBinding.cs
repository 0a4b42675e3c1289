namespace Linkage.Storage.Review;

/// <summary>Binds a stored held-answer key to its permit and to the sender key it goes with (associated data of its encryption).</summary>
internal static class HeldKeyBinding
{
    public static byte[] Of(string permitId, byte[] senderPublicKey) =>
        System.Text.Encoding.UTF8.GetBytes("held-answer-key|" + permitId + "|" + Convert.ToBase64String(senderPublicKey));
}
