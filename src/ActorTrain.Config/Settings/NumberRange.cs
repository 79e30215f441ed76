using System.Globalization;

namespace ActorTrain.Config.Settings;

/// <summary>An allowed interval for a floating-point setting, described in messages as users would write it.</summary>
internal readonly record struct NumberRange(double Min, bool MinOpen, double Max, bool MaxOpen)
{
    public static readonly NumberRange Positive = new(0, true, double.PositiveInfinity, true);
    public static readonly NumberRange NonNegative = new(0, false, double.PositiveInfinity, true);
    public static readonly NumberRange Fraction = new(0, false, 1, false);
    public static readonly NumberRange FractionBelowOne = new(0, false, 1, true);

    public bool Contains(double x) =>
        (MinOpen ? x > Min : x >= Min) && (MaxOpen ? x < Max : x <= Max);

    public string Describe() => double.IsPositiveInfinity(Max)
        ? $"a number {(MinOpen ? ">" : ">=")} {F(Min)}"
        : $"a number in {(MinOpen ? '(' : '[')}{F(Min)}, {F(Max)}{(MaxOpen ? ')' : ']')}";

    private static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
}
