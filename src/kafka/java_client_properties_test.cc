#include "kafka/java_client_properties.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kafka/client_config.h"

namespace tributary::kafka {
namespace {

using ::testing::HasSubstr;
using Properties = std::map<std::string, std::string>;

Properties Translate(const Properties& java) {
  auto out = TranslateJavaClientProperties(java, "producer");
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : Properties{};
}

TEST(JavaClientPropertiesTest, SharedKeysPassAndJavaOnlyKeysAreDropped) {
  const Properties out = Translate({{"bootstrap.servers", "b:9092"},
                                    {"acks", "all"},
                                    {"compression.type", "zstd"},
                                    {"key.serializer", "org.apache...ByteArraySerializer"},
                                    {"max.block.ms", "60000"},
                                    {"max.poll.records", "500"}});
  EXPECT_EQ(out, (Properties{{"bootstrap.servers", "b:9092"},
                             {"acks", "all"},
                             {"compression.type", "zstd"}}));
}

TEST(JavaClientPropertiesTest, RenamedKeysTakeLibrdkafkaNames) {
  const Properties out = Translate({{"buffer.memory", "33554432"},
                                    {"max.request.size", "2097152"},
                                    {"sasl.mechanism", "SCRAM-SHA-512"},
                                    {"fetch.max.wait.ms", "100"},
                                    {"receive.buffer.bytes", "65536"}});
  EXPECT_EQ(out, (Properties{{"queue.buffering.max.kbytes", "32768"},
                             {"message.max.bytes", "2097152"},
                             {"sasl.mechanisms", "SCRAM-SHA-512"},
                             {"fetch.wait.max.ms", "100"},
                             {"socket.receive.buffer.bytes", "65536"}}));
}

TEST(JavaClientPropertiesTest, JaasConfigGivesUsernameAndPassword) {
  const Properties out = Translate(
      {{"sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        "username=\"connect\" password=\"s3cr\\\"et\";"}});
  EXPECT_EQ(out.at("sasl.username"), "connect");
  EXPECT_EQ(out.at("sasl.password"), "s3cr\\\"et");
  EXPECT_FALSE(out.contains("sasl.jaas.config"));
}

TEST(JavaClientPropertiesTest, UnsupportedLoginModulesAndStoresNameTheKeyAndTheWayOut) {
  auto iam = TranslateJavaClientProperties(
      {{"sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"}}, "consumer");
  ASSERT_FALSE(iam.ok());
  EXPECT_THAT(iam.status().message(), HasSubstr("sasl.jaas.config"));
  EXPECT_THAT(iam.status().message(), HasSubstr("SCRAM"));
  auto jks = TranslateJavaClientProperties(
      {{"ssl.truststore.location", "/etc/kafka/truststore.jks"}}, "consumer");
  ASSERT_FALSE(jks.ok());
  EXPECT_THAT(jks.status().message(), HasSubstr("ssl.truststore.location"));
  EXPECT_THAT(jks.status().message(), HasSubstr("PEM"));
  auto no_password = TranslateJavaClientProperties(
      {{"sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                            "username=\"u\";"}},
      "consumer");
  EXPECT_THAT(no_password.status().message(), HasSubstr("password"));
  EXPECT_FALSE(TranslateJavaClientProperties({{"buffer.memory", "lots"}}, "producer").ok());
}

TEST(JavaClientPropertiesTest, StoresAndAssignorsMapToLibrdkafka) {
  const Properties out =
      Translate({{"ssl.truststore.location", "/ca.pem"},
                 {"ssl.truststore.type", "PEM"},
                 {"ssl.keystore.location", "/client.p12"},
                 {"ssl.keystore.type", "PKCS12"},
                 {"ssl.keystore.password", "pw"},
                 {"partition.assignment.strategy",
                  "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"}});
  EXPECT_EQ(out, (Properties{{"ssl.ca.location", "/ca.pem"},
                             {"ssl.keystore.location", "/client.p12"},
                             {"ssl.keystore.password", "pw"},
                             {"partition.assignment.strategy", "cooperative-sticky"}}));
}

TEST(JavaClientPropertiesTest, LibrdkafkaAcceptsTheTranslationOfAWorkerFile) {
  // What a Kafka Connect worker file commonly sets for its clients; librdkafka must take all.
  auto conf = MakeConf({{"bootstrap.servers", "127.0.0.1:9092"},
                        {"security.protocol", "SASL_SSL"},
                        {"sasl.mechanism", "SCRAM-SHA-512"},
                        {"sasl.jaas.config",
                         "org.apache.kafka.common.security.scram.ScramLoginModule required "
                         "username=\"u\" password=\"p\";"},
                        {"buffer.memory", "33554432"},
                        {"linger.ms", "5"},
                        {"batch.size", "16384"},
                        {"max.request.size", "1048576"},
                        {"client.dns.lookup", "use_all_dns_ips"},
                        {"key.serializer", "x"}},
                       {}, "producer");
  EXPECT_TRUE(conf.ok()) << conf.status().ToString();
}

}  // namespace
}  // namespace tributary::kafka
