using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Runs scripts on one connection the way <c>pgbench -M prepared</c> does: each SQL command is
/// prepared once on the connection and then executed with its variables as parameters (sent as
/// text of unknown type, so the server infers each type as it does for pgbench); meta-commands run
/// in the client. A write script with several statements and no transaction of its own is wrapped
/// in one, so that it commits or fails as a whole.
/// </summary>
public sealed class ScriptConnection(NpgsqlConnection connection, IReadOnlyList<PgbenchScript> scripts) : IAsyncDisposable
{
    private const string CommitLsnSql = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

    private readonly NpgsqlCommand?[][] _prepared = [.. scripts.Select(s => new NpgsqlCommand?[s.Instructions.Count])];
    private NpgsqlCommand? _begin;
    private NpgsqlCommand? _commit;
    private NpgsqlCommand? _commitLsn;

    /// <summary>The connection the scripts run on.</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>
    /// Runs script <paramref name="index"/> once; returns the primary's WAL position after it when
    /// <paramref name="commitLsn"/> is asked for (a write whose session routes by its own writes), else 0.
    /// </summary>
    public async ValueTask<ulong> RunAsync(int index, ScriptVariables variables, Random random, bool commitLsn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var script = scripts[index];
        var wrap = script.Access == ScriptAccess.Write && !script.HasExplicitTransaction && script.SqlCommandCount > 1;
        try
        {
            if (wrap)
            {
                await (_begin ??= new NpgsqlCommand("BEGIN", connection)).ExecuteNonQueryAsync(cancellationToken);
            }

            await RunInstructionsAsync(index, script, variables, random, cancellationToken);
            if (wrap)
            {
                await (_commit ??= new NpgsqlCommand("COMMIT", connection)).ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && connection.State == System.Data.ConnectionState.Open)
        {
            // A failed statement leaves the session's transaction aborted (the script's own or the
            // wrapper's): roll it back so that the next script starts clean. A notice if there was none.
            // Not on the run's stop: the connection is dropped then, and a frozen server must not hold the stop.
            await RollBackQuietlyAsync();
            throw;
        }

        if (!commitLsn)
        {
            return 0;
        }

        var lsn = await (_commitLsn ??= new NpgsqlCommand(CommitLsnSql, connection)).ExecuteScalarAsync(cancellationToken);
        return lsn is long value ? (ulong)value : 0;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.SelectMany(c => c).Append(_begin).Append(_commit).Append(_commitLsn))
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private async ValueTask RunInstructionsAsync(int index, PgbenchScript script, ScriptVariables variables, Random random, CancellationToken cancellationToken)
    {
        var instructions = script.Instructions;
        var next = 0;
        while (next < instructions.Count)
        {
            var at = next;
            var instruction = instructions[at];
            switch (instruction)
            {
                case SqlInstruction sql:
                    await RunSqlAsync(index, at, sql, script, variables, cancellationToken);
                    break;
                case SetInstruction set:
                    variables.Set(set.Variable, set.Value.Evaluate(variables, random));
                    break;
                case SleepInstruction sleep:
                    await Task.Delay(TimeSpan.FromMicroseconds(SleepMicroseconds(sleep, script, variables)), cancellationToken);
                    break;
            }

            next = instruction.Next(at + 1, variables, random);
        }
    }

    private async ValueTask RunSqlAsync(int index, int at, SqlInstruction sql, PgbenchScript script, ScriptVariables variables, CancellationToken cancellationToken)
    {
        var command = _prepared[index][at];
        if (command is null)
        {
            command = new NpgsqlCommand(sql.ParameterizedText, connection);
            foreach (var _ in sql.Parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown });
            }

            await SessionPolicy.PrepareAsync(command, cancellationToken);
            _prepared[index][at] = command;
        }

        for (var p = 0; p < sql.Parameters.Count; p++)
        {
            if (!variables.TryGet(sql.Parameters[p], out var value))
            {
                throw new ScriptRuntimeException($"{script.Source}:{sql.Line}: undefined variable \"{sql.Parameters[p]}\"");
            }

            command.Parameters[p].Value = value.IsNull ? DBNull.Value : value.ToString();
        }

        if (sql.GsetPrefix is not { } prefix)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // \gset: the query must return exactly one row; each column becomes a variable (prefix + name).
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new ScriptRuntimeException($"{script.Source}:{sql.Line}: \\gset expects one row, the query returned none");
        }

        for (var column = 0; column < reader.FieldCount; column++)
        {
            variables.Set(prefix + reader.GetName(column), ToScriptValue(reader.GetValue(column)));
        }

        if (await reader.ReadAsync(cancellationToken))
        {
            throw new ScriptRuntimeException($"{script.Source}:{sql.Line}: \\gset expects one row, the query returned more");
        }
    }

    private static long SleepMicroseconds(SleepInstruction sleep, PgbenchScript script, ScriptVariables variables)
    {
        long amount;
        if (sleep.Variable is { } name)
        {
            if (!variables.TryGet(name, out var value) || !value.TryAsInt64(out amount))
            {
                throw new ScriptRuntimeException($"{script.Source}:{sleep.Line}: \\sleep needs an integer, and \"{name}\" is {(variables.TryGet(name, out _) ? "not one" : "undefined")}");
            }
        }
        else
        {
            amount = sleep.Amount ?? 0;
        }

        return Math.Max(0, amount) * sleep.MicrosecondsPerUnit;
    }

    private static ScriptValue ToScriptValue(object value) => value switch
    {
        DBNull => ScriptValue.Null,
        long l => ScriptValue.FromInt64(l),
        int i => ScriptValue.FromInt64(i),
        short s => ScriptValue.FromInt64(s),
        double d => ScriptValue.FromDouble(d),
        float f => ScriptValue.FromDouble(f),
        decimal m => ScriptValue.FromText(m.ToString(CultureInfo.InvariantCulture)),
        bool b => ScriptValue.FromBoolean(b),
        _ => ScriptValue.FromText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private async ValueTask RollBackQuietlyAsync()
    {
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
        {
            // The connection broke too: the caller's failure handling drops it.
        }
    }
}
