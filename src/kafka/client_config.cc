#include "kafka/client_config.h"

#include "kafka/java_client_properties.h"

namespace tributary::kafka {

Result<ConfPtr> MakeConf(const std::map<std::string, std::string>& config,
                         const std::map<std::string, std::string>& defaults,
                         std::string_view client) {
  TRIB_ASSIGN_OR_RETURN(auto translated, TranslateJavaClientProperties(config, client));
  ConfPtr conf(rd_kafka_conf_new());
  std::map<std::string, std::string> merged = defaults;
  for (const auto& [key, value] : translated) merged[key] = value;
  char error[512];
  for (const auto& [key, value] : merged) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), error, sizeof(error)) !=
        RD_KAFKA_CONF_OK) {
      return Status::InvalidArgument("Kafka {} property '{}': {}", client, key, error);
    }
  }
  return conf;
}

Result<HandlePtr> MakeHandle(rd_kafka_type_t type, ConfPtr conf, std::string_view client) {
  char error[512];
  rd_kafka_t* handle = rd_kafka_new(type, conf.get(), error, sizeof(error));
  if (handle == nullptr) {
    return Status::InvalidArgument("cannot create the Kafka {}: {}", client, error);
  }
  conf.release();  // rd_kafka_new owns it now
  return HandlePtr(handle);
}

Status KafkaError(rd_kafka_resp_err_t error, std::string_view context) {
  std::string message = fmt::format("{}: {} ({})", context, rd_kafka_err2str(error),
                                    rd_kafka_err2name(error));
  switch (error) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
      return Status::OK();
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
      return Status::Unavailable("{}", message);
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
      return Status::AlreadyExists("{}", message);
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
      return Status::NotFound("{}", message);
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
      return Status::InvalidArgument("{}", message);
    default:
      return Status::IOError("{}", message);
  }
}

}  // namespace tributary::kafka
