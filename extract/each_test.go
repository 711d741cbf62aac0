package extract

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
)

// TestEachInOrder checks that Each hands over the pages of a document in
// order, each as Read gives it, whatever the number of workers.
func TestEachInOrder(t *testing.T) {
	f := openSample(t, "capannori-2024.pdf")
	want, err := Read(context.Background(), f, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 3, 8} {
		var got []Page
		err := Each(context.Background(), f, Options{Workers: workers}, func(p Page) error {
			got = append(got, p)
			return nil
		})
		if err != nil {
			t.Fatalf("%d workers: %v", workers, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d pages, want %d", workers, len(got), len(want))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("%d workers: page %d differs from Read's", workers, i+1)
			}
		}
	}
}

// TestEachStops checks that an error of the callback ends the read, is
// returned as it is, and leaves no worker behind; and that the first page
// error in order is the one returned.
func TestEachStops(t *testing.T) {
	f := openSample(t, "capannori-2024.pdf")
	before := runtime.NumGoroutine()
	stop := errors.New("stop")
	calls := 0
	err := Each(context.Background(), f, Options{Workers: 2}, func(p Page) error {
		calls++
		if p.Number == 5 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 5 {
		t.Errorf("error %v after %d calls, want stop after 5", err, calls)
	}
	bad := errors.New("page refused")
	err = Each(context.Background(), f, Options{Workers: 3, Check: func(pdf.Page) error { return bad }},
		func(Page) error { t.Error("a page handed over after its Check failed"); return nil })
	if err != bad {
		t.Errorf("error %v, want the Check's", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left running, %d before", g, before)
	}
}

// TestEachCancelled checks that a cancelled context ends the read with
// the context's error.
func TestEachCancelled(t *testing.T) {
	f := openSample(t, "capannori-2024.pdf")
	ctx, cancel := context.WithCancel(context.Background())
	err := Each(ctx, f, Options{Workers: 2}, func(p Page) error {
		if p.Number == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
