using System.Diagnostics.CodeAnalysis;
using Linkage.Domain.Codes;
using Serilog.Core;
using Serilog.Events;

namespace Linkage.Hosting.Logging;

/// <summary>Redacts personal data by type when a value is destructured (<c>{@Value}</c>) into a log event.</summary>
public sealed class PersonalDataRedactionPolicy : IDestructuringPolicy
{
    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory,
        [NotNullWhen(true)] out LogEventPropertyValue? result)
    {
        if (value is IPersonalData)
        {
            result = new ScalarValue(IPersonalData.Redacted);
            return true;
        }
        result = null;
        return false;
    }
}
