using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Linkage.Storage.Review;

/// <summary>A time as EF stores it in this model (LinkageDbContext's DateTimeOffset convention), for raw SQL beside EF.</summary>
internal static class HeldTime
{
    private static readonly DateTimeOffsetToBinaryConverter Converter = new();

    public static long ToStored(DateTimeOffset at) => (long)Converter.ConvertToProvider(at)!;
}
