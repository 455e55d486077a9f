// Building librdkafka configurations from Kafka client properties (bootstrap.servers,
// group.id, ...). Internal to the kafka module.
#pragma once

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>

#include "common/status.h"

namespace tributary::kafka {

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

struct HandleDeleter {
  void operator()(rd_kafka_t* handle) const { rd_kafka_destroy(handle); }
};
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;

// `config` may use Kafka's Java client names (kafka/java_client_properties.h); `defaults`
// (librdkafka names) apply where `config` does not set the key. A key librdkafka rejects is an
// InvalidArgument naming `client` ("producer", ...), the key and librdkafka's reason.
Result<ConfPtr> MakeConf(const std::map<std::string, std::string>& config,
                         const std::map<std::string, std::string>& defaults,
                         std::string_view client);

// Creates the client handle; takes ownership of `conf` on success.
Result<HandlePtr> MakeHandle(rd_kafka_type_t type, ConfPtr conf, std::string_view client);

// "Local: Broker transport failure" etc. as a Status of the matching kind.
Status KafkaError(rd_kafka_resp_err_t error, std::string_view context);

}  // namespace tributary::kafka
