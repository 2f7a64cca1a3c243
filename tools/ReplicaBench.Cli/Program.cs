using ReplicaBench.Cli;

// Before the first socket: socket continuations run on the epoll thread instead of hopping to the
// thread pool, which on few cores is what keeps the load engine level with pgbench (PERFORMANCE.md).
// A value the user set in the environment wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

return await ReplicaBenchCli.RunAsync(args);
