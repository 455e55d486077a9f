#include "connectrest/prometheus_metrics.h"

#include <fmt/format.h>

namespace tributary::connectrest {
namespace {

using Getter = std::optional<double> (*)(const TaskMetrics&);

struct Sample {
  const char* suffix;  // appended to the family name: "", "_count", "_sum"
  Getter get;
};

struct Family {
  const char* name;
  const char* type;
  const char* help;
  std::vector<Sample> samples;
};

const std::vector<Family>& Families() {
  static const std::vector<Family> families = {
      {"tributary_task_records_polled_total", "counter",
       "Records a source task polled or a sink task received.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.records_polled; }}}},
      {"tributary_task_records_written_total", "counter",
       "Records a source task produced or a sink task durably wrote.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.records_written; }}}},
      {"tributary_task_records_filtered_total", "counter",
       "Records dropped by transforms and predicates.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.records_filtered; }}}},
      {"tributary_task_records_failed_total", "counter",
       "Records that failed conversion, transformation or writing.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.records_failed; }}}},
      {"tributary_task_records_dlq_total", "counter",
       "Records sent to the dead letter queue.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.records_dlq; }}}},
      {"tributary_task_batch_size_records", "summary", "Records per batch.",
       {{"_count", [](const TaskMetrics& m) -> std::optional<double> { return m.batches; }},
        {"_sum", [](const TaskMetrics& m) -> std::optional<double> { return m.batch_records; }}}},
      {"tributary_task_commit_latency_ms", "summary", "Commit latency in milliseconds.",
       {{"_count", [](const TaskMetrics& m) -> std::optional<double> { return m.commits; }},
        {"_sum",
         [](const TaskMetrics& m) -> std::optional<double> { return m.commit_latency_ms_sum; }}}},
      {"tributary_task_commit_latency_max_ms", "gauge", "Slowest commit so far, in milliseconds.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.commit_latency_ms_max; }}}},
      {"tributary_task_source_lag_ms", "gauge",
       "Milliseconds between the database timestamp of the last polled record and now.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.source_lag_ms; }}}},
      {"tributary_task_sink_lag_ms", "gauge",
       "Milliseconds between the timestamp of the last durably written record and now.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.sink_lag_ms; }}}},
      {"tributary_task_sink_lag_records", "gauge",
       "Records received by a sink task but not yet durably written.",
       {{"", [](const TaskMetrics& m) -> std::optional<double> { return m.sink_lag_records; }}}},
  };
  return families;
}

std::string EscapeLabelValue(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string RenderPrometheus(const std::vector<TaskMetrics>& tasks) {
  std::vector<std::string> labels;
  labels.reserve(tasks.size());
  for (const auto& t : tasks)
    labels.push_back(fmt::format("{{connector=\"{}\",task=\"{}\",type=\"{}\"}}",
                                 EscapeLabelValue(t.connector), t.task, EscapeLabelValue(t.type)));
  std::string out;
  for (const Family& family : Families()) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", family.name,
                   family.help, family.name, family.type);
    for (const Sample& sample : family.samples)
      for (size_t i = 0; i < tasks.size(); ++i)
        if (std::optional<double> value = sample.get(tasks[i]))
          fmt::format_to(std::back_inserter(out), "{}{}{} {}\n", family.name, sample.suffix,
                         labels[i], *value);
  }
  return out;
}

}  // namespace tributary::connectrest
