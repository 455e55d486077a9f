#include "mysql/schema_history.h"

#include <spdlog/spdlog.h>

#include "connect/file_history_log.h"

namespace tributary::mysql {
namespace {

// The first of `keys` that is set (Debezium 2+ name first, then the 1.x name), or "".
std::string FirstSet(const connect::Config& config, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto v = config.Get(key); v && !v->empty()) return *v;
  }
  return "";
}

}  // namespace

Result<std::unique_ptr<connect::HistoryLog>> OpenSchemaHistory(
    const connect::TaskContext& context, const connect::Config& config) {
  std::string history_class = FirstSet(config, {"schema.history.internal", "database.history"});
  std::string file = FirstSet(config, {"schema.history.internal.file.filename",
                                       "database.history.file.filename"});
  bool wants_file = history_class.find("File") != std::string::npos ||
                    (history_class.empty() && !file.empty());
  if (context.open_shared_history && !wants_file) {
    std::string topic = FirstSet(config, {"schema.history.internal.kafka.topic",
                                          "database.history.kafka.topic"});
    if (topic.empty()) {
      topic = context.connector_name + ".schema-history";
      spdlog::info("connector '{}': schema history in Kafka topic '{}' (set "
                   "schema.history.internal.kafka.topic to choose another)",
                   context.connector_name, topic);
    }
    if (!FirstSet(config, {"schema.history.internal.kafka.bootstrap.servers",
                           "database.history.kafka.bootstrap.servers"})
             .empty()) {
      spdlog::warn("connector '{}': schema.history.internal.kafka.bootstrap.servers is "
                   "ignored: the schema history topic '{}' is on the worker's Kafka cluster",
                   context.connector_name, topic);
    }
    return context.open_shared_history(topic);
  }
  if (file.empty()) {
    file = (context.data_dir.empty() ? std::string(".") : context.data_dir) + "/" +
           context.connector_name + ".mysql-schema-history.jsonl";
  }
  TRIB_ASSIGN_OR_RETURN(auto log, connect::FileHistoryLog::Open(file));
  return std::unique_ptr<connect::HistoryLog>(std::move(log));
}

}  // namespace tributary::mysql
