namespace ActorTrain.Config.Hocon.Resolution;

/// <summary>Substitutions that lead back to a value still being resolved. An optional substitution treats it as missing.</summary>
internal sealed class SubstitutionCycleException(string reason, HoconOrigin origin) : ConfigErrorException(reason, origin);
