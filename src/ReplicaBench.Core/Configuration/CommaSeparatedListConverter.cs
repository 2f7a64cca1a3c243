using System.Collections;
using System.ComponentModel;
using System.Globalization;

namespace ReplicaBench.Configuration;

/// <summary>
/// Converts <c>"a,b,c"</c> into a <see cref="CommaSeparatedList{T}"/>, each item by its own type's
/// converter. Empty items are skipped and items are trimmed, so <c>"r1, r2 ,"</c> is two items.
/// </summary>
/// <param name="listType">The closed list type; <see cref="TypeDescriptor"/> passes it to a converter that asks for it.</param>
public sealed class CommaSeparatedListConverter(Type listType) : TypeConverter
{
    private readonly Type _itemType = listType.GetGenericArguments()[0];

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var text = (string)value;
        var list = (IList)Activator.CreateInstance(listType)!;
        var itemConverter = TypeDescriptor.GetConverter(_itemType);
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                list.Add(_itemType == typeof(string) ? item : itemConverter.ConvertFromInvariantString(item));
            }
            catch (Exception ex) when (ex is not SettingFormatException && ex is FormatException or ArgumentException or NotSupportedException)
            {
                throw new SettingFormatException($"'{item}' in '{text}' is not {SettingTypes.Describe(_itemType)}; write items separated by commas.", ex);
            }
        }

        return list;
    }
}
