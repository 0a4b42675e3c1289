namespace Linkage.Domain.Copies;

/// <summary>The data types of the screening item table (コード / 数値 / 文字列 / 日付).</summary>
public enum ItemType
{
    Code,
    Number,
    Text,
    Date,
}
