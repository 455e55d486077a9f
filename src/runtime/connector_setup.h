// Builds the running pieces of one connector from its config: the task, its converters
// (connector-level key.converter / value.converter override the worker's, with their
// prefixed settings), its transform chain and its error policy.
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "connect/config.h"
#include "connect/plugins.h"
#include "connect/task.h"
#include "data/record.h"
#include "runtime/retry_operator.h"
#include "runtime/worker_config.h"
#include "transforms/transform_chain.h"

namespace tributary::runtime {

enum class ConnectorKind { kSource, kSink };

// The converter of keys and values when neither the connector nor the worker names one.
inline constexpr const char* kDefaultConverterClass = "org.apache.kafka.connect.json.JsonConverter";

// Checks `name` and `connector.class` and tells which kind of connector the class is.
Result<ConnectorKind> ClassifyConnector(const connect::Config& config,
                                        const connect::PluginRegistry& plugins);

// errors.tolerance, errors.log.enable, errors.deadletterqueue.topic.name,
// errors.deadletterqueue.context.headers.enable, errors.retry.timeout and
// errors.retry.delay.max.ms (the retry operator).
struct ErrorPolicy {
  RetryOperator retry;
  bool tolerate_all = false;
  bool log_enable = false;
  std::string dead_letter_topic;
  bool context_headers = false;  // sink dead letters carry __connect.errors.* headers
};

// What sources and sinks have in common.
struct ConnectorParts {
  std::string name;
  std::string class_name;
  connect::Config config;
  connect::TaskContext context;
  std::unique_ptr<transforms::TransformChain> transforms;
  std::unique_ptr<connect::Converter> key_converter;
  std::unique_ptr<connect::Converter> value_converter;
  ErrorPolicy errors;
};

// exactly.once.support (requested|required), transaction.boundary (poll|interval; connector is
// refused) and transaction.boundary.interval.ms (default 60000), as Kafka Connect's KIP-618.
struct SourceTransactionPolicy {
  bool transactional = false;     // the worker has exactly.once.source.support=enabled
  int64_t interval_ms = 0;        // transaction.boundary=interval; 0: one transaction per poll
};

struct SourceConnector : ConnectorParts {
  SourceTransactionPolicy transactions;
  std::unique_ptr<connect::SourceTask> task;
  data::RecordBatch batch;  // reused across polls
};

// What a sink consumes: exactly one of `topics` (a list) and `topics.regex`.
struct TopicSubscription {
  std::vector<std::string> topics;
  std::optional<std::regex> topics_regex;

  // Errors name the connector and the key.
  static Result<TopicSubscription> FromConfig(const connect::Config& config,
                                              const std::string& connector);
  bool Matches(const std::string& topic) const;
};

struct SinkConnector : ConnectorParts {
  std::unique_ptr<connect::SinkTask> task;
  TopicSubscription subscription;

  bool Subscribes(const std::string& topic) const { return subscription.Matches(topic); }
};

// Task `task_id` of the connector (its TaskContext; task 0 keeps its local state in
// <data.dir>/connectors/<name>, task N in <name>-task-N).
Result<SourceConnector> BuildSourceConnector(const WorkerConfig& worker,
                                             const connect::Config& config,
                                             const connect::PluginRegistry& plugins,
                                             int task_id = 0);
Result<SinkConnector> BuildSinkConnector(const WorkerConfig& worker, const connect::Config& config,
                                         const connect::PluginRegistry& plugins,
                                         int task_id = 0);

}  // namespace tributary::runtime
