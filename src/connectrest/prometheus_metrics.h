// Prometheus metrics for GET /metrics on the Connect REST listener: what a worker reports per
// task (MetricsSource) and its rendering in the Prometheus text exposition format 0.0.4.
//
// Every series carries the labels connector, task and type ("source" or "sink"); per-connector
// figures are sums over its tasks (sum by (connector) in PromQL). Metric names:
//   tributary_task_records_polled_total     counter  records a source polled / a sink received
//   tributary_task_records_written_total    counter  records produced (source) / durably written (sink)
//   tributary_task_records_filtered_total   counter  records dropped by transforms and predicates
//   tributary_task_records_failed_total     counter  records that failed conversion, transform or write
//   tributary_task_records_dlq_total        counter  records sent to the dead letter queue
//   tributary_task_batch_size_records       summary  records per batch (_count batches, _sum records)
//   tributary_task_commit_latency_ms        summary  offset/object commit latency (_count, _sum)
//   tributary_task_commit_latency_max_ms    gauge    slowest commit so far
//   tributary_task_source_lag_ms            gauge    now minus the database timestamp of the last
//                                                    record polled (sources)
//   tributary_task_sink_lag_ms              gauge    now minus the timestamp of the last record
//                                                    durably written (sinks)
//   tributary_task_sink_lag_records         gauge    records received but not yet durably written
// Lags unknown to a task (e.g. before its first record) are left out rather than reported as 0.
//
// Thread-safety: MetricsSource::CollectTaskMetrics is called from the REST server's threads;
// implementations must be thread-safe. RenderPrometheus is a pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tributary::connectrest {

struct TaskMetrics {
  std::string connector;
  int task = 0;
  std::string type;  // "source" or "sink"
  uint64_t records_polled = 0;
  uint64_t records_written = 0;
  uint64_t records_filtered = 0;
  uint64_t records_failed = 0;
  uint64_t records_dlq = 0;
  uint64_t batches = 0;
  uint64_t batch_records = 0;  // sum of all batch sizes
  uint64_t commits = 0;
  double commit_latency_ms_sum = 0;
  double commit_latency_ms_max = 0;
  std::optional<int64_t> source_lag_ms;
  std::optional<int64_t> sink_lag_ms;
  std::optional<int64_t> sink_lag_records;
};

class MetricsSource {
 public:
  virtual ~MetricsSource() = default;
  // A consistent-enough snapshot of every task this worker runs (counters are monotonic).
  virtual std::vector<TaskMetrics> CollectTaskMetrics() = 0;
};

// The HTTP Content-Type of RenderPrometheus's output.
inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// Prometheus text exposition of `tasks`: one # HELP / # TYPE block per metric, one sample per
// task, label values escaped (\\, \", \n).
std::string RenderPrometheus(const std::vector<TaskMetrics>& tasks);

}  // namespace tributary::connectrest
