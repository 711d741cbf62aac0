package extract

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// lexAll reads data to its end and returns each operator with its
// operands, spelled as formatOperands does, one string per operator.
func lexAll(data []byte, lim Limits) ([]string, error) {
	lim = lim.withDefaults()
	l := newLexer(&lim)
	l.reset(data)
	var out []string
	for {
		op, err := l.next()
		if err != nil {
			return out, err
		}
		if op == nil {
			return out, nil
		}
		s := formatOperands(l)
		if s != "" {
			s += " "
		}
		out = append(out, s+string(op))
	}
}

// formatOperands spells the operands on l's stack: numbers in Go's
// shortest form, names with their slash, strings quoted, arrays and
// dictionaries with their brackets.
func formatOperands(l *lexer) string {
	var parts []string
	for i := range l.nargs() {
		at := l.top[i]
		parts = append(parts, formatObject(l.stk, int(at)))
	}
	return strings.Join(parts, " ")
}

func formatObject(stk []object, i int) string {
	o := stk[i]
	switch o.kind {
	case kNull:
		return "null"
	case kBool:
		return strconv.FormatBool(o.num == 1)
	case kNumber:
		return strconv.FormatFloat(o.num, 'g', -1, 64)
	case kName:
		return "/" + string(o.b)
	case kString:
		return strconv.Quote(string(o.b))
	}
	open, close := "[", "]"
	if o.kind == kDict {
		open, close = "<<", ">>"
	}
	var parts []string
	for j := i + 1; j < int(o.end); {
		parts = append(parts, formatObject(stk, j))
		if k := stk[j].kind; k == kArray || k == kDict {
			j = int(stk[j].end)
		} else {
			j++
		}
	}
	return open + strings.Join(parts, " ") + close
}

func TestLexTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"numbers", "1 -2 +3 4.5 -.5 5. 0.0 -0 -0.0 007 .25 op",
			[]string{"1 -2 3 4.5 -0.5 5 0 0 -0 7 0.25 op"}},
		{"long numbers", "123456789012345678901234567890 0.12345678901234567890123456789 op",
			[]string{"1.2345678901234568e+29 0.12345678901234568 op"}},
		{"not numbers are operators", "1.2.3 --5 5- . +",
			[]string{"1.2.3", "--5", "5-", ".", "+"}},
		{"names", "/A /a#20b /#41#42 /x#4 /x#zz / /Tj /ab%c\nop",
			[]string{`/A /a b /AB /x#4 /x#zz / /Tj /ab op`}},
		{"literal strings", `(a(b)c) (\n\r\t\b\f\(\)\\) (\101\1012\0) (\q) (\777) ()  op`,
			[]string{`"a(b)c" "\n\r\t\b\f()\\" "AA2\x00" "q" "\xff" "" op`}},
		{"line continuation and end of line", "(a\\\nb) (a\\\r\nb) (a\\\rb) (a\r\nb) (a\rb) (a\nb) op",
			[]string{`"ab" "ab" "ab" "a\nb" "a\nb" "a\nb" op`}},
		{"hex strings", "<41 42> <414> <> < 4\n1\t> <6a6B> op",
			[]string{`"AB" "A@" "" "A" "jk" op`}},
		{"arrays and dictionaries", "[1 [2 3] /a (s) <<>>] << /K [1 2] /D << /E true >> /N null >> op",
			[]string{`[1 [2 3] /a "s" <<>>] <</K [1 2] /D <</E true>> /N null>> op`}},
		{"dictionary values of every size", "<< /A [/B] /C [] /D [1 2] /E << /F [/G] >> /H 1 >> op",
			[]string{`<</A [/B] /C [] /D [1 2] /E <</F [/G]>> /H 1>> op`}},
		{"dictionary key without value", "<< /A 1 /B >> op", []string{`<</A 1 /B null>> op`}},
		{"key without value after a nested value", "<< /A [/B] /C >> op", []string{`<</A [/B] /C null>> op`}},
		{"comments", "1 % a comment ] ( <\n2 %\r3 op%end", []string{"1 2 3 op"}},
		{"booleans and null", "true false null op", []string{"true false null op"}},
		{"delimiters end tokens", "1 0 0 1 72 720 Tm(x)Tj[(a)-20(b)]TJ/F1 9 Tf", []string{
			"1 0 0 1 72 720 Tm", `"x" Tj`, `["a" -20 "b"] TJ`, "/F1 9 Tf"}},
		{"braces are operators", "{ 1 }", []string{"{", "1 }"}},
		{"stray closing bracket is null", "] >> op", []string{"null null op"}},
		{"operands without operator dropped", "BT 1 2", []string{"BT"}},
		{"unterminated array dropped", "q [1 2", []string{"q"}},
		{"white space of every kind", "\x00\t\n\f\r 1\x00op", []string{"1 op"}},
		{"high bytes are regular", "\x80\xff 1 q", []string{"\x80\xff", "1 q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := lexAll([]byte(tt.in), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct {
		name, in string
		lim      Limits
		off      int
		want     error
		msg      string
	}{
		{"stray parenthesis", "BT 1 )", Limits{}, 5, ErrContent, "malformed content: unexpected ')'"},
		{"stray angle bracket", "q > Q", Limits{}, 2, ErrContent, "malformed content: unexpected '>'"},
		{"unterminated string", "q (abc", Limits{}, 2, ErrContent, "malformed content: string without its end"},
		{"unterminated string after escape", `q (abc\`, Limits{}, 2, ErrContent, "malformed content: string without its end"},
		{"unterminated string with escapes", `q (a\nbc`, Limits{}, 2, ErrContent, "malformed content: string without its end"},
		{"bad hex digit", "q <41G2> Tj", Limits{}, 5, ErrContent, "malformed content: invalid character in a hexadecimal string"},
		{"unterminated hex", "q <4142", Limits{}, 2, ErrContent, "malformed content: hexadecimal string without its end"},
		{"operator in an array", "[1 BT]", Limits{}, 3, ErrContent, "malformed content: operator inside an array or dictionary"},
		{"brace in an array", "[1 {]", Limits{}, 3, ErrContent, "malformed content: operator inside an array or dictionary"},
		{"key not a name", "<< 1 2 >>", Limits{}, 3, ErrContent, "malformed content: dictionary key is not a name"},
		{"key not a name after a nested value", "<< /A [/B] 1 2 >>", Limits{}, 11, ErrContent, "malformed content: dictionary key is not a name"},
		{"unbalanced", "[1 >>", Limits{}, 3, ErrContent, "malformed content: unbalanced array or dictionary"},
		{"string too long", "(abcdef) Tj", Limits{String: 5}, 0, ErrPageLimit, "more than 5 bytes in one string (the limit)"},
		{"escaped string too long", `(ab\ncdef) Tj`, Limits{String: 5}, 0, ErrPageLimit, "more than 5 bytes in one string (the limit)"},
		{"hex string too long", "<414243444546> Tj", Limits{String: 5}, 0, ErrPageLimit, "more than 5 bytes in one string (the limit)"},
		{"name too long", "/abcdef Tf", Limits{String: 5}, 0, ErrPageLimit, "more than 5 bytes in one name (the limit)"},
		{"too deep", "[[[[1]]]] op", Limits{Nesting: 3}, 3, ErrPageLimit, "more than 3 nested arrays and dictionaries (the limit)"},
		{"too many operands", "1 2 3 4 5 op", Limits{Operands: 4}, 8, ErrPageLimit, "more than 4 operands before one operator (the limit)"},
		{"too many elements", "[1 2 3] op", Limits{Operands: 3}, 5, ErrPageLimit, "more than 3 operands before one operator (the limit)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lexAll([]byte(tt.in), tt.lim)
			var le *lexError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a *lexError", err)
			}
			if le.off != tt.off || !errors.Is(err, tt.want) || err.Error() != tt.msg {
				t.Errorf("error %q at %d, want %q at %d (%v)", err, le.off, tt.msg, tt.off, tt.want)
			}
		})
	}
}

// TestParseNumber checks that numbers read in place are the values
// strconv.ParseFloat gives, bit for bit, across lengths and magnitudes.
func TestParseNumber(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var cases []string
	for range 20000 {
		var b strings.Builder
		switch r.IntN(3) {
		case 0:
			b.WriteByte('-')
		case 1:
			b.WriteByte('+')
		}
		n := r.IntN(25)
		dot := r.IntN(n + 2)
		for i := range n + 1 {
			if i == dot {
				b.WriteByte('.')
			}
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		cases = append(cases, b.String())
	}
	cases = append(cases, "0.1", "0.3", "595.2756", "841.8898", "9007199254740993", "1.7976931348623157", "-0.000001")
	for _, s := range cases {
		got, ok := parseNumber([]byte(s))
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil {
			t.Fatalf("%q: ok %v, strconv %v", s, ok, err)
		}
		if !strings.Contains(s, ".") && want == 0 {
			want = 0 // an integer is never -0
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	}
}

// TestLexNoAllocs checks that lexing a page's worth of operators, strings
// with escapes, names and arrays included, allocates nothing once the
// lexer's buffers have grown.
func TestLexNoAllocs(t *testing.T) {
	data := []byte(strings.Repeat("q 1 0 0 1 72.5 -720.25 cm BT /F1#20x 9 Tf (plain) Tj (esc\\(aped\\)\\n) Tj <4142> Tj [(a) -20.5 (b)] TJ ET /P <</MCID 3>> BDC EMC Q\n", 50))
	lim := DefaultLimits()
	l := newLexer(&lim)
	run := func() {
		l.reset(data)
		for {
			op, err := l.next()
			if err != nil {
				t.Fatal(err)
			}
			if op == nil {
				return
			}
		}
	}
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("%v allocations per run, want 0", n)
	}
}
