using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// Read or Write: a Read script may be routed to a replica, where any write fails, so only statements known to read
/// make a script Read; the <c>-- replicabench: read|write</c> comment overrides the guess.
/// </summary>
public sealed class ScriptClassificationTests
{
    [Theory]
    // reads
    [InlineData("SELECT 1;", ScriptAccess.Read)]
    [InlineData("select abalance from pgbench_accounts where aid = :aid;", ScriptAccess.Read)]
    [InlineData("VALUES (1), (2);", ScriptAccess.Read)]
    [InlineData("TABLE pgbench_branches;", ScriptAccess.Read)]
    [InlineData("SHOW transaction_read_only;", ScriptAccess.Read)]
    [InlineData("(SELECT 1) UNION (SELECT 2);", ScriptAccess.Read)]
    [InlineData("WITH t AS (SELECT 1 AS a) SELECT a FROM t;", ScriptAccess.Read)]
    [InlineData("EXPLAIN SELECT 1;", ScriptAccess.Read)]
    [InlineData("EXPLAIN ANALYZE SELECT 1;", ScriptAccess.Read)]
    [InlineData("EXPLAIN UPDATE t SET a = 1;", ScriptAccess.Read)]
    [InlineData("EXPLAIN (ANALYZE false) DELETE FROM t;", ScriptAccess.Read)]
    [InlineData("EXPLAIN (COSTS off, ANALYZE) SELECT 1;", ScriptAccess.Read)]
    [InlineData("BEGIN;\nSELECT 1;\nCOMMIT;", ScriptAccess.Read)]
    [InlineData("START TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nSELECT 1;\nEND;", ScriptAccess.Read)]
    [InlineData("SET statement_timeout = '1s';\nSELECT 1;\nRESET statement_timeout;", ScriptAccess.Read)]
    [InlineData("BEGIN;\nSAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nRELEASE s;\nROLLBACK;", ScriptAccess.Read)]
    [InlineData("SELECT 'DELETE FROM t', \"update\" FROM t;", ScriptAccess.Read)]
    [InlineData("SELECT 1 -- INSERT INTO t\n;", ScriptAccess.Read)]
    [InlineData("SELECT $$UPDATE t SET a = 1$$;", ScriptAccess.Read)]
    [InlineData("SELECT substring('abc' FROM 1 FOR 2);", ScriptAccess.Read)]
    [InlineData("\\set aid random(1, 10)\n\\if :aid > 5\nSELECT 1;\n\\else\nSELECT 2;\n\\endif", ScriptAccess.Read)]
    // a READ ONLY transaction makes what is inside it a read: PostgreSQL refuses its writes everywhere
    [InlineData("BEGIN READ ONLY;\nSELECT 1;\nCOMMIT;", ScriptAccess.Read)]
    [InlineData("START TRANSACTION READ ONLY;\nSELECT nextval('s');\nCOMMIT;", ScriptAccess.Read)]
    [InlineData("BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY;\nUPDATE t SET a = 1;\nEND;", ScriptAccess.Read)]
    [InlineData("BEGIN;\nSET TRANSACTION READ ONLY;\nDELETE FROM t;\nCOMMIT;", ScriptAccess.Read)]
    // writes
    [InlineData("INSERT INTO t VALUES (1);", ScriptAccess.Write)]
    [InlineData("UPDATE t SET a = 1;", ScriptAccess.Write)]
    [InlineData("DELETE FROM t;", ScriptAccess.Write)]
    [InlineData("MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE;", ScriptAccess.Write)]
    [InlineData("COPY t TO STDOUT;", ScriptAccess.Write)]
    [InlineData("CALL p();", ScriptAccess.Write)]
    [InlineData("CREATE TABLE t (a int);", ScriptAccess.Write)]
    [InlineData("LOCK TABLE t;", ScriptAccess.Write)]
    [InlineData("VACUUM t;", ScriptAccess.Write)]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$;", ScriptAccess.Write)]
    [InlineData("SELECT 1;\nUPDATE t SET a = 1;", ScriptAccess.Write)]
    [InlineData("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d;", ScriptAccess.Write)]
    [InlineData("WITH u AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM u;", ScriptAccess.Write)]
    [InlineData("SELECT * FROM t FOR UPDATE;", ScriptAccess.Write)]
    [InlineData("SELECT * FROM t FOR NO KEY UPDATE;", ScriptAccess.Write)]
    [InlineData("SELECT * FROM t FOR SHARE;", ScriptAccess.Write)]
    [InlineData("select * from t for key share skip locked;", ScriptAccess.Write)]
    [InlineData("SELECT * INTO new_t FROM t;", ScriptAccess.Write)]
    [InlineData("SELECT nextval('s');", ScriptAccess.Write)]
    [InlineData("SELECT setval('s', 1);", ScriptAccess.Write)]
    [InlineData("EXPLAIN ANALYZE UPDATE t SET a = 1;", ScriptAccess.Write)]
    [InlineData("EXPLAIN (ANALYZE, BUFFERS) INSERT INTO t VALUES (1);", ScriptAccess.Write)]
    [InlineData("BEGIN READ WRITE;\nSELECT 1;\nCOMMIT;", ScriptAccess.Write)]
    [InlineData("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE;", ScriptAccess.Write)]
    [InlineData("BEGIN READ ONLY;\nSELECT 1;\nCOMMIT;\nUPDATE t SET a = 1;", ScriptAccess.Write)]
    [InlineData("COMMIT PREPARED 'x';", ScriptAccess.Write)]
    [InlineData("PREPARE q AS SELECT 1;", ScriptAccess.Write)]
    [InlineData("\\if false\nINSERT INTO t VALUES (1);\n\\endif\nSELECT 1;", ScriptAccess.Write)]
    // the override comment wins, whatever the statements
    [InlineData("-- replicabench: read\nSELECT my_function_that_only_reads();\nUPDATE t SET a = 1;", ScriptAccess.Read)]
    [InlineData("SELECT 1; --   ReplicaBench :  WRITE  \n", ScriptAccess.Write)]
    [InlineData("SELECT 1;\n-- replicabench:write", ScriptAccess.Write)]
    [InlineData("SELECT 1;\n-- replicabench: read\n-- replicabench: read\n", ScriptAccess.Read)]
    [InlineData("SELECT '-- replicabench: write';", ScriptAccess.Read)]
    [InlineData("SELECT 1; -- replicabench: writes", ScriptAccess.Read)]
    public void Scripts_are_read_only_when_every_statement_reads(string text, ScriptAccess expected)
    {
        Assert.Equal(expected, PgbenchScriptParser.Parse(text, "access", "access.sql").Access);
    }

    [Theory]
    [InlineData("BEGIN;\nSELECT 1;\nCOMMIT;", true)]
    [InlineData("begin transaction;\nSELECT 1;\nend;", true)]
    [InlineData("START TRANSACTION;\nUPDATE t SET a = 1;\nROLLBACK;", true)]
    [InlineData("BEGIN READ ONLY;\nSELECT 1;\nABORT;", true)]
    [InlineData("BEGIN;\nSELECT 1;", false)]
    [InlineData("SELECT 1;\nCOMMIT;", false)]
    [InlineData("SELECT 1;\nUPDATE t SET a = 1;", false)]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$;", false)]
    [InlineData("BEGIN;\nSAVEPOINT s;\nROLLBACK TO s;", false)]
    public void Explicit_transactions_need_both_a_begin_and_an_end(string text, bool expected)
    {
        Assert.Equal(expected, PgbenchScriptParser.Parse(text, "tx", "tx.sql").HasExplicitTransaction);
    }

    [Theory]
    [InlineData("SELECT a, 'b;c', \"D\", $1, 2.5e3 FROM t -- x\n/* y */", "SELECT A , ? , ? , ? , 2.5E3 FROM T")]
    [InlineData("select e'\\'' || :v::text", "SELECT ? | | ? ? TEXT")]
    public void The_classifier_sees_keywords_but_never_the_inside_of_literals(string statement, string expected)
    {
        Assert.Equal(expected, string.Join(' ', SqlStatementClassifier.Tokenize(statement)));
    }
}
