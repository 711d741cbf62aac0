package extract

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// space is a colour space as the walker tells colours: its family and
// number of components (0 for patterns and spaces whose colour cannot be
// told).
type space struct {
	name string
	n    int
}

// colorSpace resolves the operand of cs/CS, a name, to its family.
func colorSpace(res pdf.Value, name string) space {
	switch name {
	case "DeviceGray", "G", "CalGray":
		return space{"DeviceGray", 1}
	case "DeviceRGB", "RGB", "CalRGB":
		return space{"DeviceRGB", 3}
	case "DeviceCMYK", "CMYK":
		return space{"DeviceCMYK", 4}
	case "Pattern":
		return space{"Pattern", 0}
	}
	return resolveSpace(res.Key("ColorSpace").Key(name), 0)
}

func resolveSpace(cs pdf.Value, depth int) space {
	if depth > 4 {
		return space{}
	}
	if cs.Kind() == pdf.Name {
		switch cs.Name() {
		case "DeviceGray", "CalGray":
			return space{"DeviceGray", 1}
		case "DeviceRGB", "CalRGB":
			return space{"DeviceRGB", 3}
		case "DeviceCMYK":
			return space{"DeviceCMYK", 4}
		}
		return space{}
	}
	if cs.Kind() != pdf.Array || cs.Len() == 0 {
		return space{}
	}
	switch cs.Index(0).Name() {
	case "CalGray":
		return space{"DeviceGray", 1}
	case "CalRGB", "Lab":
		return space{"DeviceRGB", 3}
	case "ICCBased":
		switch cs.Index(1).Key("N").Int64() {
		case 1:
			return space{"DeviceGray", 1}
		case 3:
			return space{"DeviceRGB", 3}
		case 4:
			return space{"DeviceCMYK", 4}
		}
		if alt := cs.Index(1).Key("Alternate"); alt.Kind() != pdf.Null {
			return resolveSpace(alt, depth+1)
		}
	case "Separation":
		return space{"Separation", 1}
	case "DeviceN":
		return space{"DeviceN", cs.Index(1).Len()}
	}
	return space{}
}

func initialColor(n int) Color {
	switch n {
	case 0:
		return Color{Pattern: true}
	case 4:
		return cmyk(0, 0, 0, 1)
	}
	return black
}

// colorFrom reads the operands of sc/scn/SC/SCN, the numbers among them,
// as a colour of space s.
func colorFrom(s space, l *lexer) Color {
	var nums [4]float64
	n, most := 0, 0.0
	for i := range l.nargs() {
		if o := l.arg(i); o.kind == kNumber {
			if n < len(nums) {
				nums[n] = o.num
			}
			n++
			most = math.Max(most, o.num)
		}
	}
	switch {
	case s.name == "Separation" && n >= 1:
		return gray(1 - nums[0]) // a tint: 0 is paper, 1 full ink
	case s.name == "DeviceN":
		return gray(1 - most)
	case s.n == 1 && n >= 1:
		return gray(nums[0])
	case s.n == 3 && n >= 3:
		return Color{nums[0], nums[1], nums[2], false}
	case s.n == 4 && n >= 4:
		return cmyk(nums[0], nums[1], nums[2], nums[3])
	}
	return Color{Pattern: true}
}
