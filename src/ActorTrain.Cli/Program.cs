using ActorTrain.Cli;

return CommandLine.Run(args);
