using System.ComponentModel;
using System.Globalization;
using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Reads the string form of an endpoint, <c>[name=]host[:port]</c>, which is how the environment
/// variables and a file's short form give one. Mistakes are <see cref="SettingFormatException"/>s,
/// which the binder's caller prefixes with the variable or field.
/// </summary>
public sealed class ExternalEndpointOptionsConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var text = (string)value;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var (host, port) = EndpointAddress.Parse(eq < 0 ? text : text[(eq + 1)..]);
        return new ExternalEndpointOptions { Name = eq < 0 ? null : text[..eq].Trim(), Host = host, Port = port };
    }
}
