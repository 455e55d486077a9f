#include "runtime/worker_config.h"

#include <gtest/gtest.h>

namespace tributary::runtime {
namespace {

using Keys = std::map<std::string, std::string>;

const std::string kJaas =
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" "
    "password=\"p\";";

WorkerConfig Worker(Keys keys) {
  auto worker = WorkerConfig::FromConfig(connect::Config(std::move(keys)));
  EXPECT_TRUE(worker.ok()) << worker.status().message();
  return std::move(*worker);
}

TEST(WorkerConfigTest, EveryClientGetsTheCommonClientKeysAndOnlyItsOwnPrefix) {
  WorkerConfig w = Worker({{"bootstrap.servers", "b:9096"},
                           {"security.protocol", "SASL_SSL"},
                           {"sasl.mechanism", "SCRAM-SHA-512"},
                           {"sasl.jaas.config", kJaas},
                           {"ssl.truststore.location", "/etc/trust.jks"},
                           {"request.timeout.ms", "20000"},
                           {"group.id", "connect-cluster"},
                           {"key.converter", "org.apache.kafka.connect.json.JsonConverter"},
                           {"offset.storage.topic", "connect-offsets"},
                           {"producer.compression.type", "zstd"},
                           {"consumer.max.poll.records", "100"},
                           {"admin.request.timeout.ms", "5000"}});
  for (const Keys* client : {&w.kafka_clients.producer, &w.kafka_clients.consumer,
                             &w.kafka_clients.admin}) {
    EXPECT_EQ(client->at("bootstrap.servers"), "b:9096");
    EXPECT_EQ(client->at("security.protocol"), "SASL_SSL");
    EXPECT_EQ(client->at("sasl.mechanism"), "SCRAM-SHA-512");
    EXPECT_EQ(client->at("sasl.jaas.config"), kJaas);
    EXPECT_EQ(client->at("ssl.truststore.location"), "/etc/trust.jks");
    // The worker's group.id is its membership's; sinks use connect-<connector>.
    EXPECT_EQ(client->count("group.id"), 0u);
    EXPECT_EQ(client->count("key.converter"), 0u);
    EXPECT_EQ(client->count("offset.storage.topic"), 0u);
  }
  EXPECT_EQ(w.kafka_clients.producer.at("compression.type"), "zstd");
  EXPECT_EQ(w.kafka_clients.producer.count("max.poll.records"), 0u);
  EXPECT_EQ(w.kafka_clients.consumer.at("max.poll.records"), "100");
  EXPECT_EQ(w.kafka_clients.consumer.count("compression.type"), 0u);
  EXPECT_EQ(w.kafka_clients.consumer.at("request.timeout.ms"), "20000");
  EXPECT_EQ(w.kafka_clients.admin.at("request.timeout.ms"), "5000");
}

TEST(WorkerConfigTest, EmbeddedWorkerHasNoKafkaClients) {
  WorkerConfig w = Worker({{"security.protocol", "SSL"}});
  EXPECT_TRUE(w.kafka_clients.producer.empty());
}

TEST(WorkerConfigTest, OverridePolicyAllIsTheDefaultAndAppliesOverrides) {
  WorkerConfig w = Worker({{"bootstrap.servers", "b:9092"}, {"security.protocol", "SSL"}});
  connect::Config connector({{"consumer.override.max.poll.records", "10"},
                             {"consumer.override.security.protocol", "SASL_SSL"},
                             {"producer.override.acks", "1"}});
  auto config = ConnectorClientConfig(w, connector, "consumer", w.kafka_clients.consumer);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->at("max.poll.records"), "10");
  EXPECT_EQ(config->at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(config->count("acks"), 0u);
}

TEST(WorkerConfigTest, OverridePolicyNoneRefusesNamingTheKey) {
  for (const char* policy :
       {"None",
        "org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy"}) {
    WorkerConfig w = Worker({{"connector.client.config.override.policy", policy}});
    connect::Config connector(Keys{{"consumer.override.max.poll.records", "10"}});
    auto config = ConnectorClientOverrides(w, connector, "consumer");
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.status().message().find("'consumer.override.max.poll.records'"),
              std::string::npos)
        << config.status().message();
    EXPECT_TRUE(ConnectorClientOverrides(w, connect::Config(), "consumer").ok());
  }
}

TEST(WorkerConfigTest, OverridePolicyPrincipalAllowsOnlyTheCredentialKeys) {
  WorkerConfig w = Worker({{"connector.client.config.override.policy", "Principal"}});
  auto allowed = ConnectorClientOverrides(
      w,
      connect::Config({{"producer.override.sasl.jaas.config", kJaas},
                       {"producer.override.sasl.mechanism", "PLAIN"},
                       {"producer.override.security.protocol", "SASL_SSL"}}),
      "producer");
  ASSERT_TRUE(allowed.ok()) << allowed.status().message();
  EXPECT_EQ(allowed->size(), 3u);
  auto refused = ConnectorClientOverrides(
      w, connect::Config(Keys{{"producer.override.batch.size", "1"}}), "producer");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("producer.override.batch.size"), std::string::npos);
}

TEST(WorkerConfigTest, UnknownOverridePolicyNamesTheWorkerKey) {
  auto w = WorkerConfig::FromConfig(
      connect::Config(Keys{{"connector.client.config.override.policy", "Some"}}));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("connector.client.config.override.policy"),
            std::string::npos);
}

}  // namespace
}  // namespace tributary::runtime
