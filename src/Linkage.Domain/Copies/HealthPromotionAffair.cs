using Linkage.Domain.Codes;

namespace Linkage.Domain.Copies;

/// <summary>The affair and procedure of the seed, under which other municipalities' mayors inquire.</summary>
public static class HealthPromotionAffair
{
    public static readonly AffairCode Affair = AffairCode.Parse("JM00000000000139");
    public static readonly ProcedureCode Procedure = ProcedureCode.Parse("JT00000000013901");
    public const string LegalBasis = "番号法第19条第8号 別表(主務省令第2条の表)139の項 / 主務省令第141条";
}
