#include "kafka/java_client_properties.h"

#include <algorithm>
#include <iterator>
#include <charconv>
#include <regex>

namespace tributary::kafka {
namespace {

// Java client settings with no librdkafka counterpart: the behaviour they tune (serialization,
// blocking send, Java class plug-ins, JVM metrics, DNS policy) does not exist in librdkafka.
constexpr std::string_view kJavaOnlyKeys[] = {
    "key.serializer",           "value.serializer",
    "key.deserializer",         "value.deserializer",
    "interceptor.classes",      "max.block.ms",
    "max.poll.records",         "default.api.timeout.ms",
    "metric.reporters",         "metrics.num.samples",
    "metrics.sample.window.ms", "metrics.recording.level",
    "sasl.client.callback.handler.class", "sasl.login.callback.handler.class",
    "ssl.keymanager.algorithm", "ssl.trustmanager.algorithm",
    "client.dns.lookup"};

bool JavaOnly(const std::string& key) {
  return std::ranges::find(kJavaOnlyKeys, key) != std::end(kJavaOnlyKeys);
}

std::string Get(const std::map<std::string, std::string>& properties, const std::string& key) {
  auto it = properties.find(key);
  return it == properties.end() ? std::string() : it->second;
}

Status SaslJaasConfig(const std::string& jaas, std::string_view client,
                      std::map<std::string, std::string>& out) {
  const bool plain = jaas.find("PlainLoginModule") != std::string::npos;
  const bool scram = jaas.find("ScramLoginModule") != std::string::npos;
  if (!plain && !scram)
    return Status::NotSupported(
        "Kafka {} property 'sasl.jaas.config': only PlainLoginModule and ScramLoginModule "
        "(SASL/PLAIN, SCRAM-SHA-256/512) are supported; IAM, Kerberos and OAuth login modules "
        "need the Java client (for AWS MSK, use its SASL/SCRAM or TLS listener)",
        client);
  for (const char* option : {"username", "password"}) {
    const std::regex pattern(std::string(option) + R"re(\s*=\s*"((?:[^"\\]|\\.)*)")re");
    std::smatch match;
    if (!std::regex_search(jaas, match, pattern))
      return Status::InvalidArgument(
          "Kafka {} property 'sasl.jaas.config' has no {}=\"...\" option; write e.g. "
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
          "password=\"p\";",
          client, option);
    out[std::string("sasl.") + option] = match[1].str();
  }
  return Status::OK();
}

Status Truststore(const std::map<std::string, std::string>& properties, std::string_view client,
                  std::map<std::string, std::string>& out) {
  const std::string location = Get(properties, "ssl.truststore.location");
  if (location.empty()) return Status::OK();
  const std::string type = Get(properties, "ssl.truststore.type");
  if (type != "PEM" && !location.ends_with(".pem"))
    return Status::NotSupported(
        "Kafka {} property 'ssl.truststore.location' ({}): Java key stores (JKS/PKCS12) are not "
        "readable here; export the CA certificates as PEM and set ssl.truststore.type=PEM (or "
        "librdkafka's ssl.ca.location)",
        client, location);
  out["ssl.ca.location"] = location;
  return Status::OK();
}

Status Keystore(const std::map<std::string, std::string>& properties, std::string_view client,
                std::map<std::string, std::string>& out) {
  const std::string location = Get(properties, "ssl.keystore.location");
  if (location.empty()) return Status::OK();
  const std::string type = Get(properties, "ssl.keystore.type");
  if (type == "PKCS12") {
    out["ssl.keystore.location"] = location;
    const std::string password = Get(properties, "ssl.keystore.password");
    if (!password.empty()) out["ssl.keystore.password"] = password;
    return Status::OK();
  }
  if (type == "PEM") {
    // Java's PEM key store holds the private key and the certificate chain in one file.
    out["ssl.certificate.location"] = location;
    out["ssl.key.location"] = location;
    return Status::OK();
  }
  return Status::NotSupported(
      "Kafka {} property 'ssl.keystore.location' ({}): set ssl.keystore.type=PKCS12 or PEM; "
      "JKS key stores are not readable here (convert with keytool -importkeystore "
      "-deststoretype PKCS12)",
      client, location);
}

Result<std::string> AssignmentStrategies(const std::string& java, std::string_view client) {
  std::string out;
  size_t start = 0;
  while (start <= java.size()) {
    size_t end = java.find(',', start);
    if (end == std::string::npos) end = java.size();
    std::string name = java.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    std::string mapped;
    if (name.ends_with("CooperativeStickyAssignor")) mapped = "cooperative-sticky";
    else if (name.ends_with("RoundRobinAssignor")) mapped = "roundrobin";
    else if (name.ends_with("RangeAssignor")) mapped = "range";
    else if (name == "range" || name == "roundrobin" || name == "cooperative-sticky") mapped = name;
    else if (!name.empty())
      return Status::NotSupported(
          "Kafka {} property 'partition.assignment.strategy': '{}' is not available; use "
          "RangeAssignor, RoundRobinAssignor or CooperativeStickyAssignor",
          client, name);
    if (!mapped.empty()) out += (out.empty() ? "" : ",") + mapped;
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> TranslateJavaClientProperties(
    const std::map<std::string, std::string>& properties, std::string_view client) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : properties) {
    if (JavaOnly(key)) continue;
    if (key == "sasl.mechanism") {
      out["sasl.mechanisms"] = value;
    } else if (key == "sasl.jaas.config") {
      TRIB_RETURN_IF_ERROR(SaslJaasConfig(value, client, out));
    } else if (key == "buffer.memory") {
      int64_t bytes = -1;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), bytes);
      if (ec != std::errc() || end != value.data() + value.size() || bytes < 1024)
        return Status::InvalidArgument(
            "Kafka {} property 'buffer.memory': '{}' is not a byte count of at least 1024",
            client, value);
      out["queue.buffering.max.kbytes"] = std::to_string(bytes / 1024);
    } else if (key == "max.request.size") {
      out["message.max.bytes"] = value;
    } else if (key == "fetch.max.wait.ms") {
      out["fetch.wait.max.ms"] = value;
    } else if (key == "receive.buffer.bytes" || key == "send.buffer.bytes") {
      out["socket." + key] = value;
    } else if (key == "partition.assignment.strategy") {
      TRIB_ASSIGN_OR_RETURN(out[key], AssignmentStrategies(value, client));
    } else if (key.starts_with("ssl.truststore.") || key.starts_with("ssl.keystore.")) {
      continue;  // read as a group below
    } else {
      out[key] = value;
    }
  }
  TRIB_RETURN_IF_ERROR(Truststore(properties, client, out));
  TRIB_RETURN_IF_ERROR(Keystore(properties, client, out));
  return out;
}

}  // namespace tributary::kafka
