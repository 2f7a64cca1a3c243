namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Decides whether SQL statements only read, from their keywords (comments, literals and quoted identifiers are
/// skipped by <see cref="SqlLexer"/>, so <c>SELECT 'DELETE'</c> or <c>"update"</c> do not count).
/// </summary>
/// <remarks>
/// Conservative on purpose: a script classified Read may be sent to a replica, where a write fails, so anything not
/// recognized as a read is a write. Reads are SELECT/VALUES/TABLE/WITH without INSERT, UPDATE, DELETE, MERGE,
/// SELECT … INTO, a FOR UPDATE/SHARE locking clause or a call of a known writing function (nextval, setval, …);
/// SHOW; EXPLAIN unless it ANALYZEs a write; and transaction control (BEGIN, COMMIT, SET, SAVEPOINT, …) unless it asks
/// for READ WRITE. User-defined functions that write cannot be seen: the <c>-- replicabench: write</c> comment is the
/// way out.
/// </remarks>
internal static class SqlStatementClassifier
{
    private static readonly HashSet<string> WritingKeywords = new(StringComparer.Ordinal) { "INSERT", "UPDATE", "DELETE", "MERGE", "INTO" };

    private static readonly HashSet<string> WritingFunctions = new(StringComparer.Ordinal)
    {
        "NEXTVAL", "SETVAL", "TXID_CURRENT", "PG_CURRENT_XACT_ID",
        "LO_CREAT", "LO_CREATE", "LO_IMPORT", "LO_UNLINK", "LO_FROM_BYTEA", "LO_PUT",
    };

    /// <summary>
    /// The script's access and whether it has its own transaction. Statements inside a READ ONLY transaction count as
    /// reads whatever they are: PostgreSQL refuses their writes on the primary too.
    /// </summary>
    public static (ScriptAccess Access, bool HasExplicitTransaction) ClassifyScript(IEnumerable<string> statements)
    {
        var access = ScriptAccess.Read;
        var (begins, ends, readOnlyTransaction) = (false, false, false);
        foreach (var statement in statements)
        {
            var result = Classify(statement);
            switch (result.Transaction)
            {
                case SqlTransactionEffect.Begin:
                    (begins, readOnlyTransaction) = (true, false);
                    break;
                case SqlTransactionEffect.BeginReadOnly:
                    (begins, readOnlyTransaction) = (true, true);
                    break;
                case SqlTransactionEffect.ReadOnlyFromHere:
                    readOnlyTransaction = true;
                    break;
                case SqlTransactionEffect.End:
                    (ends, readOnlyTransaction) = (true, false);
                    break;
            }

            if (result.Writes && !readOnlyTransaction)
            {
                access = ScriptAccess.Write;
            }
        }

        return (access, begins && ends);
    }

    public static SqlStatementClass Classify(string statement) => Classify(Tokenize(statement));

    /// <summary>
    /// The statement's words upper-cased, symbols as themselves, and every literal, parameter or quoted identifier
    /// as <c>?</c> so that it can never look like a keyword.
    /// </summary>
    internal static List<string> Tokenize(string statement)
    {
        var tokens = new List<string>();
        for (var position = 0; position < statement.Length;)
        {
            var span = SqlLexer.Next(statement, position);
            position = span.End;
            if (!SqlLexer.IsTrivia(span.Kind))
            {
                tokens.Add(span.Kind switch
                {
                    SqlSpanKind.Word or SqlSpanKind.Number or SqlSpanKind.Symbol => statement[span.Start..span.End].ToUpperInvariant(),
                    _ => "?",
                });
            }
        }

        return tokens;
    }

    private static SqlStatementClass Classify(List<string> tokens)
    {
        if (tokens.Count == 0)
        {
            return SqlStatementClass.Read;
        }

        var second = tokens.Count > 1 ? tokens[1] : "";
        return tokens[0] switch
        {
            "SELECT" or "VALUES" or "TABLE" or "WITH" or "(" => Query(tokens),
            "SHOW" => SqlStatementClass.Read,
            "EXPLAIN" => Explain(tokens),
            "BEGIN" => Begin(tokens),
            "START" when second == "TRANSACTION" => Begin(tokens),
            "COMMIT" or "ROLLBACK" or "ABORT" or "END" => End(second),
            "SAVEPOINT" or "RELEASE" or "RESET" => SqlStatementClass.Read,
            "SET" => Set(tokens),
            _ => SqlStatementClass.Write,
        };
    }

    private static SqlStatementClass Query(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : "";

            // FOR UPDATE is caught by UPDATE; FOR SHARE, FOR KEY SHARE and FOR NO KEY UPDATE lock rows too.
            var locks = token == "FOR" && (next is "SHARE" or "KEY" or "NO");
            if (WritingKeywords.Contains(token) || locks || (next == "(" && WritingFunctions.Contains(token)))
            {
                return SqlStatementClass.Write;
            }
        }

        return SqlStatementClass.Read;
    }

    // EXPLAIN only plans, which a replica can do; EXPLAIN ANALYZE runs the statement, so it is as much a write as it.
    private static SqlStatementClass Explain(List<string> tokens)
    {
        var analyze = false;
        var i = 1;
        if (i < tokens.Count && tokens[i] == "(")
        {
            for (i++; i < tokens.Count && tokens[i] != ")"; i++)
            {
                if (tokens[i] is "ANALYZE" or "ANALYSE")
                {
                    var value = i + 1 < tokens.Count ? tokens[i + 1] : ")";
                    analyze = value is not ("FALSE" or "OFF" or "0");
                }
            }

            i++;
        }
        else
        {
            for (; i < tokens.Count && tokens[i] is "ANALYZE" or "ANALYSE" or "VERBOSE"; i++)
            {
                analyze |= tokens[i] != "VERBOSE";
            }
        }

        return analyze && i < tokens.Count && Classify(tokens[i..]).Writes ? SqlStatementClass.Write : SqlStatementClass.Read;
    }

    private static SqlStatementClass Begin(List<string> tokens) => AccessMode(tokens) switch
    {
        "ONLY" => new SqlStatementClass(false, SqlTransactionEffect.BeginReadOnly),
        "WRITE" => new SqlStatementClass(true, SqlTransactionEffect.Begin),
        _ => new SqlStatementClass(false, SqlTransactionEffect.Begin),
    };

    // COMMIT PREPARED / ROLLBACK PREPARED finish two-phase transactions, which a replica cannot;
    // ROLLBACK TO [SAVEPOINT] stays inside the transaction.
    private static SqlStatementClass End(string second) => second switch
    {
        "PREPARED" => SqlStatementClass.Write,
        "TO" => SqlStatementClass.Read,
        _ => new SqlStatementClass(false, SqlTransactionEffect.End),
    };

    private static SqlStatementClass Set(List<string> tokens) => AccessMode(tokens) switch
    {
        "WRITE" => SqlStatementClass.Write,
        "ONLY" when tokens.Contains("TRANSACTION") => new SqlStatementClass(false, SqlTransactionEffect.ReadOnlyFromHere),
        _ => SqlStatementClass.Read,
    };

    // ONLY or WRITE from a READ ONLY / READ WRITE access mode, or "" when none is given (READ COMMITTED is an
    // isolation level, not an access mode, so every READ is looked at).
    private static string AccessMode(List<string> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] == "READ" && (tokens[i + 1] is "ONLY" or "WRITE"))
            {
                return tokens[i + 1];
            }
        }

        return "";
    }
}
