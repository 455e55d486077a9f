#include "runtime/connector_setup.h"

#include <filesystem>

#include "runtime/kafka_history_log.h"

namespace tributary::runtime {

namespace {

Result<std::string> RequiredKey(const connect::Config& config, const std::string& key,
                                const std::string& what) {
  auto v = config.Get(key);
  if (!v || v->empty())
    return Status::InvalidArgument("{}: missing required key '{}'", what, key);
  return *v;
}

// key.converter / value.converter: the connector's own setting wins, with its prefixed keys;
// otherwise the worker's.
Result<std::unique_ptr<connect::Converter>> BuildConverter(const WorkerConfig& worker,
                                                           const connect::Config& config,
                                                           const std::string& connector,
                                                           const std::string& key, bool is_key,
                                                           const connect::PluginRegistry& plugins) {
  const connect::Config& owner = config.Has(key) ? config : worker.raw;
  std::string class_name = owner.GetString(key, kDefaultConverterClass);
  auto converter = plugins.NewConverter(class_name);
  if (!converter.ok())
    return converter.status().Annotate(fmt::format("connector '{}', key '{}'", connector, key));
  connect::Config converter_config = owner.WithPrefix(key + ".");
  TRIB_RETURN_IF_ERROR((*converter)->Configure(converter_config, is_key)
                           .Annotate(fmt::format("connector '{}', {}", connector, key)));
  return std::move(converter).value();
}

Result<ErrorPolicy> ParseErrorPolicy(const connect::Config& config, const std::string& connector) {
  ErrorPolicy p;
  TRIB_ASSIGN_OR_RETURN(p.retry, RetryOperator::FromConfig(config, connector));
  std::string tolerance = config.GetString("errors.tolerance", "none");
  if (tolerance == "all") {
    p.tolerate_all = true;
  } else if (tolerance != "none") {
    return Status::InvalidArgument(
        "connector '{}': 'errors.tolerance' must be 'none' or 'all', got '{}'", connector,
        tolerance);
  }
  auto log = config.GetBool("errors.log.enable", false);
  if (!log.ok()) return log.status().Annotate(fmt::format("connector '{}'", connector));
  p.log_enable = *log;
  p.dead_letter_topic = config.GetString("errors.deadletterqueue.topic.name", "");
  auto headers = config.GetBool("errors.deadletterqueue.context.headers.enable", false);
  if (!headers.ok()) return headers.status().Annotate(fmt::format("connector '{}'", connector));
  p.context_headers = *headers;
  return p;
}

Result<ConnectorParts> BuildParts(const WorkerConfig& worker, const connect::Config& config,
                                  const connect::PluginRegistry& plugins, int task_id) {
  ConnectorParts c;
  c.config = config;
  TRIB_ASSIGN_OR_RETURN(c.name, RequiredKey(config, "name", "connector config"));
  TRIB_ASSIGN_OR_RETURN(c.class_name, RequiredKey(config, "connector.class",
                                                  fmt::format("connector '{}'", c.name)));
  TRIB_ASSIGN_OR_RETURN(int64_t tasks_max, config.GetInt("tasks.max", 1));
  if (tasks_max < 1)
    return Status::InvalidArgument("connector '{}': 'tasks.max' must be at least 1", c.name);
  c.context.connector_name = c.name;
  c.context.task_id = task_id;
  std::string folder = task_id == 0 ? c.name : fmt::format("{}-task-{}", c.name, task_id);
  c.context.data_dir = (std::filesystem::path(worker.data_dir) / "connectors" / folder).string();
  if (worker.bootstrap_servers) {
    c.context.open_shared_history = [clients = worker.kafka_clients](const std::string& topic)
        -> Result<std::unique_ptr<connect::HistoryLog>> {
      TRIB_ASSIGN_OR_RETURN(auto log, KafkaHistoryLog::Open(clients, topic));
      return std::unique_ptr<connect::HistoryLog>(std::move(log));
    };
  }
  std::error_code ec;
  std::filesystem::create_directories(c.context.data_dir, ec);
  if (ec)
    return Status::IOError("connector '{}': cannot create '{}': {}", c.name, c.context.data_dir,
                           ec.message());
  auto chain = transforms::TransformChain::Create(config, plugins);
  if (!chain.ok()) return chain.status().Annotate(fmt::format("connector '{}'", c.name));
  c.transforms = std::make_unique<transforms::TransformChain>(std::move(chain).value());
  TRIB_ASSIGN_OR_RETURN(c.key_converter, BuildConverter(worker, config, c.name, "key.converter",
                                                        true, plugins));
  TRIB_ASSIGN_OR_RETURN(c.value_converter, BuildConverter(worker, config, c.name,
                                                          "value.converter", false, plugins));
  TRIB_ASSIGN_OR_RETURN(c.errors, ParseErrorPolicy(config, c.name));
  return c;
}

Result<SourceTransactionPolicy> ParseTransactionPolicy(const WorkerConfig& worker,
                                                      const connect::Config& config,
                                                      const std::string& connector) {
  SourceTransactionPolicy p;
  p.transactional = worker.exactly_once_source == ExactlyOnceSourceSupport::kEnabled;
  std::string support = config.GetString("exactly.once.support", "requested");
  if (support != "requested" && support != "required")
    return Status::InvalidArgument(
        "connector '{}': 'exactly.once.support' must be 'requested' or 'required', got '{}'",
        connector, support);
  if (support == "required" && !p.transactional)
    return Status::InvalidArgument(
        "connector '{}': 'exactly.once.support' is 'required' but this worker runs sources at "
        "least once; set the worker key exactly.once.source.support=enabled on every worker of "
        "the group (distributed workers), or use exactly.once.support=requested",
        connector);
  std::string boundary = config.GetString("transaction.boundary", "poll");
  bool interval_set = config.Has("transaction.boundary.interval.ms");
  if (boundary == "connector")
    return Status::NotSupported(
        "connector '{}': 'transaction.boundary=connector' (transactions the connector defines) is "
        "not supported; use 'poll' (one transaction per batch) or 'interval'",
        connector);
  if (boundary != "poll" && boundary != "interval")
    return Status::InvalidArgument(
        "connector '{}': 'transaction.boundary' must be 'poll', 'interval' or 'connector', got "
        "'{}'",
        connector, boundary);
  if (interval_set && boundary != "interval")
    return Status::InvalidArgument(
        "connector '{}': 'transaction.boundary.interval.ms' applies only with "
        "transaction.boundary=interval",
        connector);
  if (boundary == "interval") {
    TRIB_ASSIGN_OR_RETURN(int64_t flush_interval,
                          worker.raw.GetInt("offset.flush.interval.ms", 60000));
    auto interval = config.GetInt("transaction.boundary.interval.ms", flush_interval);
    if (!interval.ok()) return interval.status().Annotate(fmt::format("connector '{}'", connector));
    if (*interval < 1)
      return Status::InvalidArgument(
          "connector '{}': 'transaction.boundary.interval.ms' must be at least 1, got {}",
          connector, *interval);
    p.interval_ms = *interval;
  }
  return p;
}

}  // namespace

Result<ConnectorKind> ClassifyConnector(const connect::Config& config,
                                        const connect::PluginRegistry& plugins) {
  TRIB_ASSIGN_OR_RETURN(std::string name, RequiredKey(config, "name", "connector config"));
  TRIB_ASSIGN_OR_RETURN(std::string class_name, RequiredKey(config, "connector.class",
                                                            fmt::format("connector '{}'", name)));
  if (plugins.IsSource(class_name)) return ConnectorKind::kSource;
  if (plugins.IsSink(class_name)) return ConnectorKind::kSink;
  std::string known;
  for (const auto& p : plugins.List()) {
    if (p.type != connect::PluginType::kSource && p.type != connect::PluginType::kSink) continue;
    known += (known.empty() ? "" : ", ") + p.class_name;
  }
  return Status::InvalidArgument(
      "connector '{}': unknown connector.class '{}'; available connectors: {}", name, class_name,
      known);
}

Result<TopicSubscription> TopicSubscription::FromConfig(const connect::Config& config,
                                                       const std::string& connector) {
  TopicSubscription s;
  s.topics = config.GetList("topics");
  if (auto regex = config.Get("topics.regex"); regex && !regex->empty()) {
    try {
      s.topics_regex.emplace(*regex);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument("connector '{}': 'topics.regex' is not a valid regex: {}",
                                     connector, e.what());
    }
  }
  if (s.topics.empty() && !s.topics_regex)
    return Status::InvalidArgument(
        "connector '{}': a sink needs 'topics' or 'topics.regex' to know what to consume",
        connector);
  if (!s.topics.empty() && s.topics_regex)
    return Status::InvalidArgument(
        "connector '{}': set only one of 'topics' and 'topics.regex'", connector);
  return s;
}

bool TopicSubscription::Matches(const std::string& topic) const {
  for (const auto& t : topics)
    if (t == topic) return true;
  return topics_regex && std::regex_match(topic, *topics_regex);
}

Result<SourceConnector> BuildSourceConnector(const WorkerConfig& worker,
                                             const connect::Config& config,
                                             const connect::PluginRegistry& plugins,
                                             int task_id) {
  TRIB_ASSIGN_OR_RETURN(ConnectorParts parts, BuildParts(worker, config, plugins, task_id));
  SourceConnector s;
  TRIB_ASSIGN_OR_RETURN(s.transactions, ParseTransactionPolicy(worker, config, parts.name));
  TRIB_ASSIGN_OR_RETURN(s.task, plugins.NewSource(parts.class_name));
  static_cast<ConnectorParts&>(s) = std::move(parts);
  return s;
}

Result<SinkConnector> BuildSinkConnector(const WorkerConfig& worker, const connect::Config& config,
                                         const connect::PluginRegistry& plugins, int task_id) {
  TRIB_ASSIGN_OR_RETURN(ConnectorParts c, BuildParts(worker, config, plugins, task_id));
  SinkConnector s;
  TRIB_ASSIGN_OR_RETURN(s.task, plugins.NewSink(c.class_name));
  TRIB_ASSIGN_OR_RETURN(s.subscription, TopicSubscription::FromConfig(config, c.name));
  static_cast<ConnectorParts&>(s) = std::move(c);
  return s;
}

}  // namespace tributary::runtime
