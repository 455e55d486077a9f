#include "s3sink/s3_sink_config_keys.h"

#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

namespace {

connect::ConfigType ToConnectType(ConfigType type) {
  switch (type) {
    case ConfigType::kString: return connect::ConfigType::kString;
    case ConfigType::kInt: return connect::ConfigType::kInt;
    case ConfigType::kLong: return connect::ConfigType::kLong;
    case ConfigType::kBoolean: return connect::ConfigType::kBoolean;
    case ConfigType::kList: return connect::ConfigType::kList;
    case ConfigType::kClass: return connect::ConfigType::kClass;
    case ConfigType::kPassword: return connect::ConfigType::kPassword;
  }
  return connect::ConfigType::kString;
}

}  // namespace

connect::ConfigDef S3SinkConfigDef() {
  using T = connect::ConfigType;
  connect::ConfigDef def;
  def.Group("Connector");
  for (const ConfigKey& key : S3SinkConfigKeys()) {
    // topics and topics.regex belong to every sink (runtime/connector_config_def.h).
    if (key.name == "topics" || key.name == "topics.regex") continue;
    if (key.default_value)
      def.Define(key.name, ToConnectType(key.type), key.default_value, key.doc, key.valid_values);
    else
      def.Required(key.name, ToConnectType(key.type), key.doc);
  }
  const std::string ignored = " Accepted; Tributary does not act on it.";
  def.Group("S3")
      .Define("s3.sse.customer.key", T::kPassword, std::nullopt,
              "Customer-provided key of SSE-C server-side encryption." + ignored)
      .Define("s3.elastic.buffer.enable", T::kBoolean, "false",
              "Grow part buffers as needed." + ignored)
      .Define("s3.elastic.buffer.init.capacity", T::kInt, "131072",
              "First size of an elastic part buffer." + ignored)
      .Define("s3.proxy.user", T::kString, std::nullopt, "Proxy user." + ignored)
      .Define("s3.proxy.password", T::kPassword, std::nullopt, "Proxy password." + ignored)
      .Define("s3.send.digest", T::kBoolean, "false", "Send Content-MD5 of parts." + ignored)
      .Define("enable.conditional.writes", T::kBoolean, "false",
              "Write objects only if absent (If-None-Match)." + ignored)
      .Define("max.files.scan.limit", T::kInt, "1000",
              "Objects listed to recover offsets with conditional writes." + ignored)
      .AcceptPrefix("s3.credentials.provider.",
                    "Settings of the credentials provider class (passed through).")
      .Group("Storage")
      .Define("shutdown.timeout.ms", T::kLong, "3000",
              "Wait for uploads at shutdown." + ignored)
      .Define("allow.optional.map.keys", T::kBoolean, "false",
              "Allow optional string map keys in Avro schemas." + ignored);
  def.CheckValuesWith(
      [](const connect::Config& config) { return S3SinkConfig::Parse(config).status(); });
  return def;
}

}  // namespace tributary::s3sink
