namespace ActorTrain.Config;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
internal static class EditDistance
{
    /// <summary>Levenshtein distance: insertions, deletions and substitutions each cost one.</summary>
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The candidate nearest to <paramref name="name"/>, or null when none is near enough to be a likely typo.
    /// Dotted paths also match on their last element, so `micro-batchs` directly under `actortrain` finds `pipeline.micro-batches`.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var last = LastElement(name);
        var threshold = Math.Max(1, last.Length / 3);
        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var score = Math.Min(Between(name, candidate), Between(last, LastElement(candidate)) + 1);
            if (score >= bestScore) continue;
            best = candidate;
            bestScore = score;
        }
        return bestScore <= threshold ? best : null;
    }

    private static string LastElement(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }
}
