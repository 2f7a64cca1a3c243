using ReplicaBench.Cli;

return await ReplicaBenchCli.RunAsync(args);
