using System.Data.Common;

namespace Linkage.Storage.Chains;

/// <summary>The parameters of one chain entry's insert: set by name, created on first use, reused after that.</summary>
public readonly struct EntryParameters(DbParameterCollection parameters, Func<DbParameter> create)
{
    public void Set(string name, object? value)
    {
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameters.Add(parameter);
            index = parameters.Count - 1;
        }
        parameters[index].Value = value ?? DBNull.Value;
    }
}
