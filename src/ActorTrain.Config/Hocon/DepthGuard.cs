using System.Runtime.CompilerServices;

namespace ActorTrain.Config.Hocon;

/// <summary>
/// Reading and resolving recurse once per level of nesting or link of a substitution chain. Running out of stack
/// would kill the process, so very deep input is reported as a configuration error instead.
/// </summary>
internal static class DepthGuard
{
    public static void Check(HoconOrigin at)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ConfigErrorException("the configuration nests too deeply (objects, arrays or a chain of substitutions)", at);
    }
}
