// Package compare turns spec sheets and prices into like-for-like figures
// that can be ranked, compared and defended.
//
// The pipeline:
//
//  1. A Metric names what to compute: one input figure ("memory
//     bandwidth") or the ratio of two ("throughput per watt"), each input
//     read from the spec sheets, the price sheets or the models in package
//     pricing.
//  2. Options fix the normalization: the precision and sparsity of
//     throughput (never substituted silently: --fallback is opt-in and
//     flagged), and the basis — per chip, per system (the system's own
//     published figure, or chip count × the chip's), or per gigawatt.
//  3. The Engine evaluates a metric for a subject into a Result: a value
//     with an interval (from the inputs' ranges and contested figures, by
//     interval arithmetic), the weakest status of its inputs, and the
//     inputs themselves, each with its source. A subject without an input
//     gets a Result that says exactly what is missing.
//  4. Rank orders Results, flags neighbours whose intervals overlap as not
//     separable, and lists the missing at the end; Pareto finds the
//     non-dominated set of two metrics; Ratio divides two Results for
//     "A is x times B", carrying intervals and statuses through.
package compare
