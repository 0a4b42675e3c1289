using System.Data.Common;

namespace Linkage.Storage.Database;

/// <summary>Provider-neutral shorthands for the raw SQL of the stores.</summary>
public static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds the parameter <paramref name="name"/> (written <c>@name</c> in the SQL); null is stored as NULL.</summary>
    public static DbParameter Add(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static int Execute(this DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in parameters) command.Add(name, value);
        return command.ExecuteNonQuery();
    }
}
