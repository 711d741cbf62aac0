package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// plainFlagError says what a flag wants when its value is of the wrong
// type ("--page abc: not a whole number") instead of the parser's words
// (strconv.ParseInt: parsing "abc": invalid syntax).
func plainFlagError(err error) error {
	var ive *pflag.InvalidValueError
	if !errors.As(err, &ive) {
		return err
	}
	f := ive.GetFlag()
	name := "--" + f.Name
	want := ""
	switch t := f.Value.Type(); {
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint") || t == "count":
		want = "not a whole number"
		if strings.HasPrefix(t, "uint") {
			want = "not a whole number of 0 or more"
		}
	case strings.HasPrefix(t, "float"):
		want = "not a number"
	case t == "bool":
		want = "want true or false"
	case t == "duration":
		want = "not a duration (such as 30s or 2m)"
	}
	var ne *strconv.NumError
	if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
		want = "out of range"
	}
	if want == "" {
		return err
	}
	return fmt.Errorf("%s %s: %s", name, ive.GetValue(), want)
}
