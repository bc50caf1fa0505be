using ClickBatch.Cli;

return await ClickBatchCli.RunAsync(args, CliContext.CreateForConsole()).ConfigureAwait(false);
