package golangfuncs

import "math"

// Signatures shared by many wrappers.
const (
	sigFloat    = "func(x float) float"
	sigFloatXY  = "func(x float, y float) float"
	sigStr      = "func(s str) str"
	sigPath     = "func(path str) str"
	sigPathBool = "func(path str) bool"
)

// mathEntries wraps package math.
func mathEntries() []entry {
	return []entry{
		{"abs", sigFloat, f1(math.Abs)},
		{"acos", sigFloat, f1(math.Acos)},
		{"acosh", sigFloat, f1(math.Acosh)},
		{"asin", sigFloat, f1(math.Asin)},
		{"asinh", sigFloat, f1(math.Asinh)},
		{"atan", sigFloat, f1(math.Atan)},
		{"atan_2", "func(y float, x float) float", f2(math.Atan2)},
		{"atanh", sigFloat, f1(math.Atanh)},
		{"cbrt", sigFloat, f1(math.Cbrt)},
		{"ceil", sigFloat, f1(math.Ceil)},
		{"copysign", "func(f float, sign float) float", f2(math.Copysign)},
		{"cos", sigFloat, f1(math.Cos)},
		{"cosh", sigFloat, f1(math.Cosh)},
		{"dim", sigFloatXY, f2(math.Dim)},
		{"erf", sigFloat, f1(math.Erf)},
		{"erfc", sigFloat, f1(math.Erfc)},
		{"erfcinv", sigFloat, f1(math.Erfcinv)},
		{"erfinv", sigFloat, f1(math.Erfinv)},
		{"exp", sigFloat, f1(math.Exp)},
		{"exp_2", sigFloat, f1(math.Exp2)},
		{"expm_1", sigFloat, f1(math.Expm1)},
		{"floor", sigFloat, f1(math.Floor)},
		{"fma", "func(x float, y float, z float) float", f3(math.FMA)},
		{"gamma", sigFloat, f1(math.Gamma)},
		{"hypot", "func(p float, q float) float", f2(math.Hypot)},
		{"ilogb", "func(x float) int", f1(math.Ilogb)},
		{"inf", "func(sign int) float", f1(math.Inf)},
		{"is_inf", "func(f float, sign int) bool", f2(math.IsInf)},
		{"is_na_n", "func(f float) bool", f1(math.IsNaN)},
		{"j_0", sigFloat, f1(math.J0)},
		{"j_1", sigFloat, f1(math.J1)},
		{"jn", "func(n int, x float) float", f2(math.Jn)},
		{"ldexp", "func(frac float, exp int) float", f2(math.Ldexp)},
		{"log", sigFloat, f1(math.Log)},
		{"log_10", sigFloat, f1(math.Log10)},
		{"log_1_p", sigFloat, f1(math.Log1p)},
		{"log_2", sigFloat, f1(math.Log2)},
		{"logb", sigFloat, f1(math.Logb)},
		{"max", sigFloatXY, f2(math.Max)},
		{"min", sigFloatXY, f2(math.Min)},
		{"mod", sigFloatXY, f2(math.Mod)},
		{"na_n", "func() float", f0(math.NaN)},
		{"nextafter", sigFloatXY, f2(math.Nextafter)},
		{"pow", sigFloatXY, f2(math.Pow)},
		{"pow_10", "func(n int) float", f1(math.Pow10)},
		{"remainder", sigFloatXY, f2(math.Remainder)},
		{"round", sigFloat, f1(math.Round)},
		{"round_to_even", sigFloat, f1(math.RoundToEven)},
		{"signbit", "func(x float) bool", f1(math.Signbit)},
		{"sin", sigFloat, f1(math.Sin)},
		{"sinh", sigFloat, f1(math.Sinh)},
		{"sqrt", sigFloat, f1(math.Sqrt)},
		{"tan", sigFloat, f1(math.Tan)},
		{"tanh", sigFloat, f1(math.Tanh)},
		{"trunc", sigFloat, f1(math.Trunc)},
		{"y_0", sigFloat, f1(math.Y0)},
		{"y_1", sigFloat, f1(math.Y1)},
		{"yn", "func(n int, x float) float", f2(math.Yn)},
	}
}
