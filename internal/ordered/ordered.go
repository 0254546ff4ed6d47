// Package ordered runs a step on several items at once and hands the
// results on in the order the items came: reading a corpus file by file
// while parsing and analysing several articles on every core, and still
// indexing them (and reporting their problems) in file order.
package ordered

import "sync"

// Run calls work on each item next yields, on up to workers goroutines at
// once, and emit with each result, one at a time, in the order next
// yielded the items. next and emit are never called concurrently with
// themselves. At most 2×workers items are between next and emit at a
// time, so memory stays bounded however slow emit is.
//
// The first error from emit stops the run: next is not called again,
// results still in flight are dropped, and Run returns that error once
// every goroutine is done.
func Run[In, Out any](workers int, next func() (In, bool), work func(In) Out, emit func(Out) error) error {
	workers = max(workers, 1)
	type job struct {
		in  In
		out chan Out
	}
	jobs := make(chan job)
	// queue holds each item's result slot in input order; its capacity
	// bounds the items in flight.
	queue := make(chan chan Out, 2*workers)
	stop := make(chan struct{})

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.in) // buffered: a worker never waits on emit
			}
		}()
	}
	go func() {
		defer close(queue)
		defer close(jobs)
		for {
			select {
			case <-stop:
				return
			default:
			}
			in, ok := next()
			if !ok {
				return
			}
			slot := make(chan Out, 1)
			select {
			case queue <- slot:
			case <-stop:
				return
			}
			jobs <- job{in, slot}
		}
	}()

	var err error
	for slot := range queue {
		out := <-slot
		if err != nil {
			continue // draining after a failure
		}
		if err = emit(out); err != nil {
			close(stop)
		}
	}
	wg.Wait()
	return err
}
