namespace ReplicaBench.Workload.Scripts;

/// <summary>Maps offsets in a script to 1-based line numbers for messages.</summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = [0];

    public LineMap(string text)
    {
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            _lineStarts.Add(i + 1);
        }
    }

    public int LineOf(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);

        // Not a line start: BinarySearch gives the complement of the next start, so the line is the one before it.
        return index >= 0 ? index + 1 : ~index;
    }
}
