using System.Reflection;

namespace ReplicaBench.Configuration;

/// <summary>
/// What a setting's type is, found from the options type and a configuration path, and how a message
/// describes the values it takes (<c>true or false</c>, <c>a whole number</c>).
/// </summary>
internal static class SettingTypes
{
    /// <summary>The type bound at <paramref name="path"/> (<c>replicas:0:port</c>) inside <paramref name="root"/>, or null when there is none.</summary>
    public static Type? At(Type root, string path)
    {
        Type? type = root;
        foreach (var segment in path.Split(':'))
        {
            type = type is null ? null : Unwrap(type);
            if (type is null)
            {
                return null;
            }

            type = segment.All(char.IsAsciiDigit) && ItemType(type) is { } item
                ? item
                : Properties(type).FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return type is null ? null : Unwrap(type);
    }

    /// <summary>The settings a type takes, as they are written (camelCase), for "known fields are ..." messages.</summary>
    public static IEnumerable<string> Keys(Type type) => Properties(type).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

    /// <summary>How a message describes the values of <paramref name="type"/>.</summary>
    public static string Describe(Type type) => Unwrap(type) switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        var t when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t)),
        var t => $"a valid {t.Name}",
    };

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType() : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>))?.GetGenericArguments()[0];

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);
}
