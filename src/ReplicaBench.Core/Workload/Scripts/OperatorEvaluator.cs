namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// The operators: arithmetic and comparisons (double when either side is a double, else bigint with overflow
/// checks), <c>%</c> (always on integers), bitwise operators, <c>not</c> and <c>is</c>. Arguments are never NULL here
/// except for <c>is</c>.
/// </summary>
internal static class OperatorEvaluator
{
    public static bool Handles(ScriptFunction function) => function is >= ScriptFunction.Add and <= ScriptFunction.Is;

    public static ScriptValue Evaluate(ScriptFunction function, ScriptValue[] arguments, ScriptPosition position)
    {
        switch (function)
        {
            case ScriptFunction.Not:
                return ScriptValue.FromBoolean(!ValueCoercion.ToBoolean(arguments[0], position));
            case ScriptFunction.Is:
                return ScriptValue.FromBoolean(Is(arguments[0], arguments[1]));
            case >= ScriptFunction.BitAnd and <= ScriptFunction.RightShift:
                return ScriptValue.FromInt64(Bitwise(function, ValueCoercion.ToInt64(arguments[0], position), ValueCoercion.ToInt64(arguments[1], position)));
        }

        var (left, right) = (arguments[0], arguments[1]);

        // pgbench: "double if some double", except modulo, which rounds doubles to integers first.
        if ((left.Kind == ScriptValueKind.Double || right.Kind == ScriptValueKind.Double) && function != ScriptFunction.Modulo)
        {
            return Double(function, ValueCoercion.ToDouble(left, position), ValueCoercion.ToDouble(right, position));
        }

        return Integer(function, ValueCoercion.ToInt64(left, position), ValueCoercion.ToInt64(right, position), position);
    }

    // pgbench compares type and payload, so "1 is true" is false and "null is null" is true.
    private static bool Is(ScriptValue left, ScriptValue right) =>
        left.Kind == right.Kind && (left.IsNull || left.IsTrue == right.IsTrue);

    private static long Bitwise(ScriptFunction function, long left, long right) => function switch
    {
        ScriptFunction.BitAnd => left & right,
        ScriptFunction.BitOr => left | right,
        ScriptFunction.BitXor => left ^ right,

        // Like pgbench on x86-64, the shift count is taken modulo 64 (C# masks it the same way).
        ScriptFunction.LeftShift => left << (int)(right & 63),
        _ => left >> (int)(right & 63),
    };

    private static ScriptValue Double(ScriptFunction function, double left, double right) => function switch
    {
        ScriptFunction.Add => ScriptValue.FromDouble(left + right),
        ScriptFunction.Subtract => ScriptValue.FromDouble(left - right),
        ScriptFunction.Multiply => ScriptValue.FromDouble(left * right),

        // Double division by zero gives ±Infinity or NaN in pgbench too; only integer division fails.
        ScriptFunction.Divide => ScriptValue.FromDouble(left / right),
        ScriptFunction.Equal => ScriptValue.FromBoolean(left == right),
        ScriptFunction.NotEqual => ScriptValue.FromBoolean(left != right),
        ScriptFunction.LessOrEqual => ScriptValue.FromBoolean(left <= right),
        _ => ScriptValue.FromBoolean(left < right),
    };

    private static ScriptValue Integer(ScriptFunction function, long left, long right, ScriptPosition position)
    {
        try
        {
            switch (function)
            {
                case ScriptFunction.Add:
                    return ScriptValue.FromInt64(checked(left + right));
                case ScriptFunction.Subtract:
                    return ScriptValue.FromInt64(checked(left - right));
                case ScriptFunction.Multiply:
                    return ScriptValue.FromInt64(checked(left * right));
                case ScriptFunction.Equal:
                    return ScriptValue.FromBoolean(left == right);
                case ScriptFunction.NotEqual:
                    return ScriptValue.FromBoolean(left != right);
                case ScriptFunction.LessOrEqual:
                    return ScriptValue.FromBoolean(left <= right);
                case ScriptFunction.LessThan:
                    return ScriptValue.FromBoolean(left < right);
            }

            if (right == 0)
            {
                throw position.RuntimeError("division by zero");
            }

            // long.MinValue / -1 overflows (and % throws in .NET); pgbench reports the first and gives 0 for the second.
            if (right == -1)
            {
                return ScriptValue.FromInt64(function == ScriptFunction.Modulo ? 0 : checked(-left));
            }

            // C# truncates toward zero and gives the remainder the dividend's sign, exactly like C.
            return ScriptValue.FromInt64(function == ScriptFunction.Divide ? left / right : left % right);
        }
        catch (OverflowException)
        {
            var name = function switch
            {
                ScriptFunction.Add => "add",
                ScriptFunction.Subtract => "sub",
                ScriptFunction.Multiply => "mul",
                _ => "div",
            };
            throw position.RuntimeError($"bigint {name} out of range");
        }
    }
}
