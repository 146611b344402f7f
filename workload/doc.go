// Package workload turns chip figures into LLM serving and training
// economics: tokens per second per chip and per user, and from them tokens
// per dollar, per joule and per gigawatt.
//
// It sits beside package compare in hwcmp's pipeline:
//
//  1. Models: a catalog of model architectures (models*.csv), each number
//     from the model's published configuration (LoadModels).
//  2. Hardware: one chip's peak throughput at a precision, memory capacity
//     and bandwidth, scale-up bandwidth and domain, read from a
//     specs.Catalog with their ranges and statuses (ChipHardware).
//  3. Performance model: memory fit sets the fewest chips (tensor or expert
//     parallel inside the scale-up domain); a decode step costs the larger of
//     its compute and memory time plus its all-reduce time; prefill is
//     compute; a batch sweep gives the throughput-versus-interactivity curve,
//     its offline maximum and its best point under a per-token latency limit
//     (Sweep). Efficiencies are explicit inputs (Efficiency), never tuned per
//     chip.
//  4. Measured results: MLPerf Inference results (mlperf*.csv, or imported
//     from MLCommons' mlperf_log_summary.txt and system JSON) to validate the
//     model against and to calibrate its efficiencies with a leave-one-out
//     error (Calibrate).
//
// No formatting for people happens here; cmd/hwcmp does that.
package workload
