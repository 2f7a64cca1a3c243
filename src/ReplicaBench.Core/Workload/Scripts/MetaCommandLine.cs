namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A meta-command line split into its name and whitespace-separated words, keeping the raw text after each word
/// because <c>\set</c>, <c>\if</c> and <c>\elif</c> take the rest of the line as an expression.
/// </summary>
internal sealed class MetaCommandLine
{
    private readonly string _body;
    private readonly List<(int Start, int End)> _words = [];

    public MetaCommandLine(string body)
    {
        _body = body;
        for (var i = 0; i < body.Length;)
        {
            while (i < body.Length && char.IsWhiteSpace(body[i]))
            {
                i++;
            }

            var start = i;
            while (i < body.Length && !char.IsWhiteSpace(body[i]))
            {
                i++;
            }

            if (i > start)
            {
                _words.Add((start, i));
            }
        }
    }

    /// <summary>The command name without the backslash, e.g. <c>set</c> (as written; compare ignoring case).</summary>
    public string Name => _words.Count == 0 ? "" : Word(0);

    /// <summary>The number of words after the name.</summary>
    public int ArgumentCount => Math.Max(0, _words.Count - 1);

    /// <summary>The <paramref name="index"/>-th word after the name (0-based).</summary>
    public string Argument(int index) => Word(index + 1);

    /// <summary>Everything after the first <paramref name="words"/> words (the name counts as one), trimmed.</summary>
    public string RestAfter(int words) => words >= _words.Count ? "" : _body[_words[words].Start..].Trim();

    private string Word(int index) => _body[_words[index].Start.._words[index].End];
}
