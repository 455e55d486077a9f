// Every plugin Tributary ships declares its keys (connect::PluginRegistry::Declare): the keys
// its own code reads, and the configs users bring from Debezium, Kafka Connect and Confluent
// raise no unknown key.
#include "cli/builtin_plugins.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "connect/config.h"
#include "runtime/connector_config_def.h"
#include "runtime/connector_validation.h"

namespace tributary::cli {
namespace {

using ::testing::IsEmpty;

std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(TRIBUTARY_SOURCE_DIR) + "/" + path);
  EXPECT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The keys a source file reads through a config accessor: Get*/Has/First/ListFilter/Choice/
// GetRequired/GetEnum/RequiredKey on `c` or `config` (a Get on another object, such as a worker
// config, is not a connector key).
std::set<std::string> KeysReadBy(const std::string& path) {
  static const std::regex kRead(
      R"re((?:\b(?:c|config)\.(?:GetString|GetInt|GetBool|GetList|Get|Has)\(|)re"
      R"re(\b(?:First|ListFilter|Choice<\w+>|GetRequired|GetEnum|RequiredKey|Get|GetBool|)re"
      R"re(GetInt)\(\s*(?:c|config)\s*,)\s*)re"
      R"re(\{?\s*"([A-Za-z][A-Za-z0-9_.]*)"(?:\s*,\s*"([A-Za-z][A-Za-z0-9_.]*)"\s*\})?)re");
  std::set<std::string> keys;
  const std::string text = ReadSource(path);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kRead);
       it != std::sregex_iterator(); ++it) {
    keys.insert((*it)[1]);
    if ((*it)[2].matched) keys.insert((*it)[2]);
  }
  return keys;
}

class BuiltinPluginKeysTest : public ::testing::Test {
 protected:
  BuiltinPluginKeysTest() { RegisterBuiltinPlugins(plugins_); }

  std::vector<runtime::UnknownKey> Unknown(std::map<std::string, std::string> config) {
    config.try_emplace("name", "c");
    return runtime::FindUnknownKeys(worker_, plugins_, config);
  }

  std::map<std::string, std::string> Properties(const std::string& path) {
    auto config = connect::Config::ParseProperties(ReadSource(path));
    EXPECT_TRUE(config.ok()) << config.status().message();
    return config->values();
  }

  connect::PluginRegistry plugins_;
  runtime::WorkerConfig worker_;
};

TEST_F(BuiltinPluginKeysTest, EveryShippedPluginDeclaresItsKeys) {
  for (const auto& plugin : plugins_.List())
    EXPECT_NE(plugins_.ConfigDefOf(plugin.class_name), nullptr) << plugin.class_name;
}

TEST_F(BuiltinPluginKeysTest, DeclarationsCoverEveryKeyTheCodeReads) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> readers = {
      {"io.debezium.connector.mysql.MySqlConnector",
       {"src/mysql/connector_config.cc", "src/mysql/mysql_source_task.cc"}},
      {"io.confluent.connect.s3.S3SinkConnector",
       {"src/s3sink/s3_sink_config.cc", "src/s3sink/s3_sink_task.cc",
        "src/storage/object_store_factory.cc", "src/storage/aws_credentials.cc"}},
      {"org.apache.kafka.connect.json.JsonConverter", {"src/converters/json_converter.cc"}},
      {"org.apache.kafka.connect.storage.StringConverter", {"src/converters/string_converter.cc"}},
      {"io.confluent.connect.avro.AvroConverter", {"src/converters/avro_converter.cc"}},
      {"com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter",
       {"src/converters/glue_avro_converter.cc"}},
      {"io.debezium.transforms.ExtractNewRecordState",
       {"src/transforms/extract_new_record_state.cc"}},
      {"org.apache.kafka.connect.transforms.RegexRouter", {"src/transforms/regex_router.cc"}},
      {"org.apache.kafka.connect.transforms.ValueToKey", {"src/transforms/value_to_key.cc"}},
      {"org.apache.kafka.connect.transforms.InsertField$Value", {"src/transforms/insert_field.cc"}},
      {"org.apache.kafka.connect.transforms.ReplaceField$Value",
       {"src/transforms/replace_field.cc"}},
      {"org.apache.kafka.connect.transforms.ExtractField$Key", {"src/transforms/extract_field.cc"}},
      {"org.apache.kafka.connect.transforms.HoistField$Value", {"src/transforms/hoist_field.cc"}},
      {"org.apache.kafka.connect.transforms.SetSchemaMetadata$Value",
       {"src/transforms/set_schema_metadata.cc"}},
      {"org.apache.kafka.connect.transforms.MaskField$Value", {"src/transforms/mask_field.cc"}},
      {"org.apache.kafka.connect.transforms.Flatten$Value", {"src/transforms/flatten.cc"}},
      {"org.apache.kafka.connect.transforms.Cast$Value", {"src/transforms/cast.cc"}},
      {"org.apache.kafka.connect.transforms.TimestampConverter$Value",
       {"src/transforms/timestamp_converter.cc"}},
  };
  size_t checked = 0;
  for (const auto& [plugin, files] : readers) {
    const connect::ConfigDef* def = plugins_.ConfigDefOf(plugin);
    ASSERT_NE(def, nullptr) << plugin;
    for (const auto& file : files) {
      for (const auto& key : KeysReadBy(file)) {
        const bool framework = runtime::SourceConnectorConfigDef().Knows(key) ||
                               runtime::SinkConnectorConfigDef().Knows(key);
        EXPECT_TRUE(def->Find(key) != nullptr || framework)
            << file << " reads '" << key << "', which " << plugin << " does not declare";
        ++checked;
      }
    }
  }
  for (const char* file : {"src/runtime/connector_setup.cc", "src/runtime/retry_operator.cc"}) {
    for (const auto& key : KeysReadBy(file)) {
      EXPECT_TRUE(runtime::SourceConnectorConfigDef().Find(key) ||
                  runtime::SinkConnectorConfigDef().Find(key))
          << file << " reads '" << key << "', which the runtime's connector keys lack";
      ++checked;
    }
  }
  EXPECT_GT(checked, 120u);  // the pattern still finds the accessors
}

TEST_F(BuiltinPluginKeysTest, TheSeedWalkthroughsConfigsHaveNoUnknownKey) {
  EXPECT_THAT(Unknown(Properties("examples/movies/debezium-source.properties")), IsEmpty());
  EXPECT_THAT(Unknown(Properties("examples/movies/s3-sink.properties")), IsEmpty());
}

TEST_F(BuiltinPluginKeysTest, DebeziumOneAndTwoStyleConfigsHaveNoUnknownKey) {
  // Keys from Debezium 1.x and 2.x/3.x tutorials, with JDBC pass-through and history clients.
  EXPECT_THAT(
      Unknown({{"connector.class", "io.debezium.connector.mysql.MySqlConnector"},
               {"tasks.max", "1"},
               {"database.hostname", "mysql"},
               {"database.port", "3306"},
               {"database.user", "debezium"},
               {"database.password", "dbz"},
               {"database.server.id", "184054"},
               {"database.server.name", "dbserver1"},
               {"database.whitelist", "inventory"},
               {"database.serverTimezone", "UTC"},
               {"database.allowPublicKeyRetrieval", "true"},
               {"database.history.kafka.bootstrap.servers", "kafka:9092"},
               {"database.history.kafka.topic", "schema-changes.inventory"},
               {"database.history.producer.security.protocol", "SSL"},
               {"schema.history.internal.kafka.topic", "schemahistory.inventory"},
               {"schema.history.internal.consumer.sasl.mechanism", "PLAIN"},
               {"topic.prefix", "dbserver1"},
               {"include.schema.changes", "true"},
               {"snapshot.mode", "when_needed"},
               {"column.mask.with.12.chars", "inventory.customers.email"},
               {"column.truncate.to.20.chars", "inventory.customers.name"},
               {"column.mask.hash.SHA-256.with.salt.CzQMA0cB5K", "inventory.orders.card"},
               {"snapshot.select.statement.overrides", "inventory.orders"},
               {"snapshot.select.statement.overrides.inventory.orders", "SELECT * FROM orders"},
               {"driver.connectTimeout", "5000"},
               {"signal.data.collection", "inventory.signals"},
               {"signal.consumer.security.protocol", "SSL"},
               {"notification.enabled.channels", "sink"},
               {"converters", "boolean"},
               {"boolean.type",
                "io.debezium.connector.mysql.converters.TinyIntOneToBooleanConverter"},
               {"boolean.selector", ".*\\.active"},
               {"key.converter", "io.confluent.connect.avro.AvroConverter"},
               {"key.converter.schema.registry.url", "http://registry:8081"},
               {"key.converter.basic.auth.credentials.source", "USER_INFO"},
               {"key.converter.basic.auth.user.info", "u:p"},
               {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
               {"value.converter.schemas.enable", "false"},
               {"transforms", "unwrap,route"},
               {"transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"},
               {"transforms.unwrap.delete.tombstone.handling.mode", "rewrite"},
               {"transforms.unwrap.add.fields", "op,table,source.ts_ms"},
               {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
               {"transforms.route.regex", "([^.]+)\\.([^.]+)\\.([^.]+)"},
               {"transforms.route.replacement", "$3"},
               {"transforms.route.predicate", "isOrders"},
               {"transforms.route.negate", "true"},
               {"predicates", "isOrders"},
               {"predicates.isOrders.type",
                "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"},
               {"predicates.isOrders.pattern", ".*orders"},
               {"topic.creation.default.replication.factor", "1"},
               {"topic.creation.default.partitions", "3"},
               {"topic.creation.default.cleanup.policy", "compact"},
               {"errors.tolerance", "all"},
               {"errors.log.enable", "true"},
               {"errors.log.include.messages", "true"},
               {"producer.override.compression.type", "zstd"}}),
      IsEmpty());
}

TEST_F(BuiltinPluginKeysTest, ConfluentS3SinkConfigsHaveNoUnknownKey) {
  EXPECT_THAT(
      Unknown({{"connector.class", "io.confluent.connect.s3.S3SinkConnector"},
               {"tasks.max", "2"},
               {"topics.regex", "db1\\..*"},
               {"s3.bucket.name", "b"},
               {"s3.region", "eu-west-1"},
               {"s3.part.size", "5242880"},
               {"s3.sse.customer.key", "k"},
               {"s3.credentials.provider.class",
                "io.confluent.connect.s3.auth.AwsAssumeRoleCredentialsProvider"},
               {"s3.credentials.provider.sts.role.arn", "arn:aws:iam::1:role/r"},
               {"aws.access.key.id", "AKIA"},
               {"aws.secret.access.key", "s"},
               {"storage.class", "io.confluent.connect.s3.storage.S3Storage"},
               {"format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat"},
               {"parquet.codec", "zstd"},
               {"partitioner.class",
                "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"},
               {"path.format", "'year'=YYYY/'month'=MM"},
               {"partition.duration.ms", "3600000"},
               {"locale", "en-US"},
               {"timezone", "UTC"},
               {"timestamp.extractor", "Record"},
               {"flush.size", "1000"},
               {"rotate.schedule.interval.ms", "60000"},
               {"schema.compatibility", "NONE"},
               {"behavior.on.null.values", "ignore"},
               {"errors.deadletterqueue.topic.name", "dlq"},
               {"errors.deadletterqueue.topic.replication.factor", "1"},
               {"errors.deadletterqueue.context.headers.enable", "true"},
               {"consumer.override.max.poll.records", "500"},
               {"value.converter", "io.confluent.connect.avro.AvroConverter"},
               {"value.converter.schema.registry.url", "http://registry:8081"},
               {"value.converter.enhanced.avro.schema.support", "true"},
               {"transforms", "ts"},
               {"transforms.ts.type",
                "org.apache.kafka.connect.transforms.TimestampConverter$Value"},
               {"transforms.ts.field", "created"},
               {"transforms.ts.target.type", "Timestamp"}}),
      IsEmpty());
}

TEST_F(BuiltinPluginKeysTest, MisspelledKeysAreNamedWithTheirLikelyIntent) {
  auto unknown = Unknown(
      {{"connector.class", "io.debezium.connector.mysql.MySqlConnector"},
       {"tabel.include.list", "db.t"},
       {"database.hostnme", "h"},
       {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
       {"value.converter.schemas.enabled", "false"},
       {"transforms", "unwrap"},
       {"transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"},
       {"transforms.unwrap.drop.tombstone", "false"},
       {"transforms.unwarp.add.fields", "op"},
       {"predicates.p.pattern", "x"},
       {"errors.tolerence", "all"},
       {"completely.unrelated", "1"}});
  std::map<std::string, std::string> suggestions;
  for (const auto& u : unknown) {
    suggestions[u.key] = u.suggestion;
    EXPECT_THAT(u.message, ::testing::HasSubstr("connector 'c'"));
    EXPECT_THAT(u.message, ::testing::HasSubstr("'" + u.key + "'"));
  }
  EXPECT_EQ(suggestions, (std::map<std::string, std::string>{
                             {"tabel.include.list", "table.include.list"},
                             {"database.hostnme", "database.hostname"},
                             {"value.converter.schemas.enabled", "value.converter.schemas.enable"},
                             {"transforms.unwrap.drop.tombstone",
                              "transforms.unwrap.drop.tombstones"},
                             {"transforms.unwarp.add.fields", "transforms.unwrap.add.fields"},
                             {"predicates.p.pattern", ""},
                             {"errors.tolerence", "errors.tolerance"},
                             {"completely.unrelated", ""}}));
}

std::map<std::string, std::vector<std::string>> ErrorsByKey(const nlohmann::json& infos) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& entry : infos["configs"])
    out[entry["value"]["name"]] = entry["value"]["errors"].get<std::vector<std::string>>();
  return out;
}

TEST_F(BuiltinPluginKeysTest, ValidateCountsUnknownKeysAndBadValuesAlike) {
  auto infos = runtime::ValidateConnectorConfig(
      worker_, plugins_, "io.debezium.connector.mysql.MySqlConnector",
      {{"name", "orders"},
       {"database.user", "u"},
       {"database.password", "secret-pw"},
       {"database.server.id", "7"},
       {"topic.prefix", "db1"},
       {"table.include.lst", "shop.orders"},
       {"snapshot.mode", "sometimes"}});
  EXPECT_EQ(infos["error_count"], 2);
  auto errors = ErrorsByKey(infos);
  ASSERT_EQ(errors["table.include.lst"].size(), 1u);
  EXPECT_THAT(errors["table.include.lst"][0],
              ::testing::AllOf(::testing::HasSubstr("connector 'orders'"),
                               ::testing::HasSubstr("'table.include.lst'"),
                               ::testing::HasSubstr("did you mean 'table.include.list'?")));
  ASSERT_EQ(errors["snapshot.mode"].size(), 1u) << infos.dump(1);
  EXPECT_THAT(errors["snapshot.mode"][0],
              ::testing::AllOf(::testing::HasSubstr("connector 'orders'"),
                               ::testing::HasSubstr("allowed values: initial, initial_only")));
  EXPECT_THAT(errors["topic.prefix"], IsEmpty());
  EXPECT_EQ(infos.dump().find("secret-pw"), std::string::npos);
  for (const auto& entry : infos["configs"]) {
    if (entry["value"]["name"] != "snapshot.mode") continue;
    EXPECT_EQ(entry["definition"]["default_value"], "initial");
    EXPECT_EQ(entry["definition"]["group"], "Snapshot");
    EXPECT_THAT(entry["value"]["recommended_values"].get<std::vector<std::string>>(),
                ::testing::Contains("when_needed"));
  }
}

TEST_F(BuiltinPluginKeysTest, ValidateNamesTheNestedKeyOfABadValueWithItsAllowedValues) {
  auto infos = runtime::ValidateConnectorConfig(
      worker_, plugins_, "io.debezium.connector.mysql.MySqlConnector",
      {{"name", "orders"},
       {"database.user", "u"},
       {"database.server.id", "7"},
       {"topic.prefix", "db1"},
       {"transforms", "unwrap"},
       {"transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState"},
       {"transforms.unwrap.delete.tombstone.handling.mode", "sometimes"}});
  EXPECT_EQ(infos["error_count"], 1);
  auto errors = ErrorsByKey(infos);
  ASSERT_EQ(errors["transforms.unwrap.delete.tombstone.handling.mode"].size(), 1u)
      << infos.dump(1);
  EXPECT_THAT(errors["transforms.unwrap.delete.tombstone.handling.mode"][0],
              ::testing::HasSubstr("rewrite-with-tombstone"));
}

TEST_F(BuiltinPluginKeysTest, ValidateRunsTheConnectorsOwnValueChecks) {
  // The S3 sink checks flush.size when its task starts; validation runs that check up front.
  auto infos = runtime::ValidateConnectorConfig(
      worker_, plugins_, "io.confluent.connect.s3.S3SinkConnector",
      {{"name", "to-s3"}, {"topics", "t"}, {"s3.bucket.name", "b"}, {"flush.size", "ten"}});
  EXPECT_EQ(infos["error_count"], 1);
  auto errors = ErrorsByKey(infos);
  ASSERT_EQ(errors["flush.size"].size(), 1u) << infos.dump(1);
  EXPECT_THAT(errors["flush.size"][0],
              ::testing::AllOf(::testing::HasSubstr("connector 'to-s3'"),
                               ::testing::HasSubstr("not an integer")));
}

TEST_F(BuiltinPluginKeysTest, PluginConfigListsTheRuntimeAndPluginKeys) {
  auto keys = runtime::PluginConfigDefinitions(plugins_, "S3SinkConnector");
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& k : *keys) by_name[k["name"]] = k;
  EXPECT_EQ(by_name["flush.size"]["required"], true);
  EXPECT_EQ(by_name["flush.size"]["type"], "INT");
  EXPECT_EQ(by_name["topics"]["group"], "Common");
  EXPECT_EQ(by_name["aws.secret.access.key"]["type"], "PASSWORD");
  EXPECT_EQ(by_name["s3.region"]["default_value"], "us-west-2");
  EXPECT_EQ(by_name.count("topic.creation.groups"), 0u);  // a source key
  for (const char* field : {"name", "type", "required", "default_value", "importance",
                            "documentation", "group", "width", "display_name", "dependents",
                            "order"})
    EXPECT_TRUE(by_name["flush.size"].contains(field)) << field;
  EXPECT_FALSE(runtime::PluginConfigDefinitions(plugins_, "NoSuchConnector").ok());
  auto transform = runtime::PluginConfigDefinitions(
      plugins_, "org.apache.kafka.connect.transforms.Cast$Value");
  ASSERT_TRUE(transform.ok());
  ASSERT_FALSE(transform->empty());
  EXPECT_EQ((*transform)[0]["name"], "spec");
}

}  // namespace
}  // namespace tributary::cli
