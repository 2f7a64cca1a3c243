namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Parses pgbench's expression language (exprparse.y) into a <see cref="ScriptExpression"/>, with the same operator
/// precedence, lowest first: <c>or</c>; <c>and</c>; <c>not</c>; <c>is</c>/<c>isnull</c>/<c>notnull</c>; comparisons
/// (not chainable); bitwise <c>| # &amp; &lt;&lt; &gt;&gt;</c> and prefix <c>~</c>; <c>+ -</c>; <c>* / %</c>; unary
/// <c>+ -</c>. Syntax errors are one <see cref="BadInputException"/> line starting <c>source:LINE:</c>.
/// </summary>
public sealed class ScriptExpressionParser
{
    private const int OrLevel = 1;
    private const int AndLevel = 2;
    private const int IsLevel = 4;
    private const int ComparisonLevel = 5;
    private const int BitwiseLevel = 6;
    private const int AdditiveLevel = 7;
    private const int UnaryLevel = 9;

    private readonly string _text;
    private readonly string _command;
    private readonly ScriptPosition _position;
    private readonly List<ExpressionToken> _tokens;
    private int _next;

    private ScriptExpressionParser(string text, string command, ScriptPosition position)
    {
        _text = text;
        _command = command;
        _position = position;
        _tokens = ExpressionLexer.Tokenize(text, Error);
    }

    private ExpressionToken Current => _tokens[_next];

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> and <paramref name="line"/> prefix every error, at parse and at run time.</summary>
    public static ScriptExpression Parse(string text, string source = "expression", int line = 1) =>
        Parse(text, "expression", new ScriptPosition(source, line));

    /// <summary>Parses the expression of a meta-command; <paramref name="command"/> (e.g. <c>\set</c>) names it in messages.</summary>
    internal static ScriptExpression Parse(string text, string command, ScriptPosition position)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ScriptExpressionParser(text, command, position);
        var expression = parser.ParseExpression(0);
        return parser.Current.Kind == ExpressionTokenKind.End
            ? expression
            : throw parser.Error(parser.Current.Column, $"unexpected {parser.Current.Describe()}");
    }

    private static int BinaryLevel(ExpressionTokenKind kind) => kind switch
    {
        ExpressionTokenKind.Or => OrLevel,
        ExpressionTokenKind.And => AndLevel,
        ExpressionTokenKind.Less or ExpressionTokenKind.Greater or ExpressionTokenKind.EqualSign or ExpressionTokenKind.LessOrEqual
            or ExpressionTokenKind.GreaterOrEqual or ExpressionTokenKind.NotEqual => ComparisonLevel,
        ExpressionTokenKind.Pipe or ExpressionTokenKind.Hash or ExpressionTokenKind.Ampersand
            or ExpressionTokenKind.ShiftLeft or ExpressionTokenKind.ShiftRight => BitwiseLevel,
        ExpressionTokenKind.Plus or ExpressionTokenKind.Minus => AdditiveLevel,
        ExpressionTokenKind.Star or ExpressionTokenKind.Slash or ExpressionTokenKind.Percent => AdditiveLevel + 1,
        _ => 0,
    };

    // Precedence climbing: binary operators at or above minLevel bind here; all are left-associative except
    // comparisons, which pgbench declares non-associative, so "1 < 2 < 3" is a syntax error there and here.
    private ScriptExpression ParseExpression(int minLevel)
    {
        var left = ParsePrefix();
        var afterComparison = false;
        while (true)
        {
            var token = Current;
            if (token.Kind is ExpressionTokenKind.Is or ExpressionTokenKind.IsNull or ExpressionTokenKind.NotNull)
            {
                if (IsLevel < minLevel)
                {
                    return left;
                }

                left = ParseIsSuffix(left);
                afterComparison = false;
                continue;
            }

            var level = BinaryLevel(token.Kind);
            if (level == 0 || level < minLevel)
            {
                return left;
            }

            if (level == ComparisonLevel && afterComparison)
            {
                throw Error(token.Column, $"unexpected \"{token.Text}\": comparisons cannot be chained, use and");
            }

            _next++;
            left = Binary(token, left, ParseExpression(level + 1));
            afterComparison = level == ComparisonLevel;
        }
    }

    private ScriptExpression ParsePrefix()
    {
        var token = Current;
        _next++;
        switch (token.Kind)
        {
            case ExpressionTokenKind.LeftParen:
                var inner = ParseExpression(0);
                Expect(ExpressionTokenKind.RightParen, "\")\"");
                return inner;

            // The operand of a prefix operator extends over every operator that binds tighter than it does.
            case ExpressionTokenKind.Plus:
                return ParseExpression(UnaryLevel);
            case ExpressionTokenKind.Minus when Current.Kind == ExpressionTokenKind.MaxIntPlusOne:
                _next++;
                return Constant(ScriptValue.FromInt64(long.MinValue));
            case ExpressionTokenKind.Minus:
                return Call(ScriptFunction.Subtract, "-", Constant(ScriptValue.FromInt64(0)), ParseExpression(UnaryLevel));
            case ExpressionTokenKind.Tilde:
                return Call(ScriptFunction.BitXor, "#", Constant(ScriptValue.FromInt64(-1)), ParseExpression(AdditiveLevel));
            case ExpressionTokenKind.Not:
                return Call(ScriptFunction.Not, "not", ParseExpression(IsLevel));
            case ExpressionTokenKind.Integer:
                return Constant(ScriptValue.FromInt64(token.Integer));
            case ExpressionTokenKind.Double:
                return Constant(ScriptValue.FromDouble(token.Double));
            case ExpressionTokenKind.Boolean:
                return Constant(ScriptValue.FromBoolean(token.Integer != 0));
            case ExpressionTokenKind.Null:
                return Constant(ScriptValue.Null);
            case ExpressionTokenKind.Variable:
                return new VariableExpression(token.Text, _position);
            case ExpressionTokenKind.Identifier:
                return ParseCall(token);
            case ExpressionTokenKind.Case:
                return ParseCase();
            case ExpressionTokenKind.MaxIntPlusOne:
                throw Error(token.Column, $"bigint constant overflow \"{token.Text}\"");
            default:
                throw Error(token.Column, $"expected a value, found {token.Describe()}");
        }
    }

    private ScriptExpression ParseIsSuffix(ScriptExpression left)
    {
        var token = Current;
        _next++;
        if (token.Kind != ExpressionTokenKind.Is)
        {
            var isNull = Call(ScriptFunction.Is, "is", left, Constant(ScriptValue.Null));
            return token.Kind == ExpressionTokenKind.IsNull ? isNull : Call(ScriptFunction.Not, "not", isNull);
        }

        var negated = Current.Kind == ExpressionTokenKind.Not;
        if (negated)
        {
            _next++;
        }

        var operand = Current;
        _next++;
        var value = operand.Kind switch
        {
            ExpressionTokenKind.Null => ScriptValue.Null,
            ExpressionTokenKind.Boolean => ScriptValue.FromBoolean(operand.Integer != 0),
            _ => throw Error(operand.Column, $"expected NULL, TRUE or FALSE after IS, found {operand.Describe()}"),
        };
        var test = Call(ScriptFunction.Is, "is", left, Constant(value));
        return negated ? Call(ScriptFunction.Not, "not", test) : test;
    }

    private FunctionExpression ParseCall(ExpressionToken name)
    {
        if (!ScriptFunctionCatalog.TryFind(name.Text, out var function, out var min, out var max))
        {
            throw Error(name.Column, $"unexpected function name \"{name.Text}\"");
        }

        Expect(ExpressionTokenKind.LeftParen, $"\"(\" after the function name {name.Text}");
        var arguments = new List<ScriptExpression>();
        if (Current.Kind != ExpressionTokenKind.RightParen)
        {
            arguments.Add(ParseExpression(0));
            while (Current.Kind == ExpressionTokenKind.Comma)
            {
                _next++;
                arguments.Add(ParseExpression(0));
            }
        }

        Expect(ExpressionTokenKind.RightParen, "\",\" or \")\"");
        if (arguments.Count < min || arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} or {max}";
            throw Error(name.Column, $"unexpected number of arguments ({name.Text}): {expected} expected, {arguments.Count} given");
        }

        // hash() and permute() seed with :default_seed when no seed is given, as pgbench does.
        if (ScriptFunctionCatalog.TakesDefaultSeed(function) && arguments.Count == min)
        {
            arguments.Add(new VariableExpression(ScriptFunctionCatalog.DefaultSeedVariable, _position));
        }

        return new FunctionExpression(function, name.Text.ToLowerInvariant(), arguments, _position);
    }

    private CaseExpression ParseCase()
    {
        var branches = new List<(ScriptExpression, ScriptExpression)>();
        do
        {
            Expect(ExpressionTokenKind.When, "WHEN");
            var when = ParseExpression(0);
            Expect(ExpressionTokenKind.Then, "THEN");
            branches.Add((when, ParseExpression(0)));
        }
        while (Current.Kind == ExpressionTokenKind.When);

        ScriptExpression? otherwise = null;
        if (Current.Kind == ExpressionTokenKind.Else)
        {
            _next++;
            otherwise = ParseExpression(0);
        }

        Expect(ExpressionTokenKind.EndKeyword, "WHEN, ELSE or END");
        return new CaseExpression(branches, otherwise, _position);
    }

    private ScriptExpression Binary(ExpressionToken op, ScriptExpression left, ScriptExpression right) => op.Kind switch
    {
        ExpressionTokenKind.Or => new LogicalExpression(isAnd: false, left, right, _position),
        ExpressionTokenKind.And => new LogicalExpression(isAnd: true, left, right, _position),
        ExpressionTokenKind.Plus => Call(ScriptFunction.Add, "+", left, right),
        ExpressionTokenKind.Minus => Call(ScriptFunction.Subtract, "-", left, right),
        ExpressionTokenKind.Star => Call(ScriptFunction.Multiply, "*", left, right),
        ExpressionTokenKind.Slash => Call(ScriptFunction.Divide, "/", left, right),
        ExpressionTokenKind.Percent => Call(ScriptFunction.Modulo, "%", left, right),
        ExpressionTokenKind.Less => Call(ScriptFunction.LessThan, "<", left, right),
        ExpressionTokenKind.LessOrEqual => Call(ScriptFunction.LessOrEqual, "<=", left, right),

        // Like pgbench, a > b is b < a (so the right side is evaluated first).
        ExpressionTokenKind.Greater => Call(ScriptFunction.LessThan, "<", right, left),
        ExpressionTokenKind.GreaterOrEqual => Call(ScriptFunction.LessOrEqual, "<=", right, left),
        ExpressionTokenKind.EqualSign => Call(ScriptFunction.Equal, "=", left, right),
        ExpressionTokenKind.NotEqual => Call(ScriptFunction.NotEqual, "<>", left, right),
        ExpressionTokenKind.Ampersand => Call(ScriptFunction.BitAnd, "&", left, right),
        ExpressionTokenKind.Pipe => Call(ScriptFunction.BitOr, "|", left, right),
        ExpressionTokenKind.Hash => Call(ScriptFunction.BitXor, "#", left, right),
        ExpressionTokenKind.ShiftLeft => Call(ScriptFunction.LeftShift, "<<", left, right),
        _ => Call(ScriptFunction.RightShift, ">>", left, right),
    };

    private FunctionExpression Call(ScriptFunction function, string name, params ScriptExpression[] arguments) =>
        new(function, name, arguments, _position);

    private ConstantExpression Constant(ScriptValue value) => new(value, _position);

    private void Expect(ExpressionTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current.Column, $"expected {what}, found {Current.Describe()}");
        }

        _next++;
    }

    private BadInputException Error(int column, string message) =>
        _position.BadInput($"syntax error in {_command} \"{_text.Trim()}\" at column {column}: {message}");
}
