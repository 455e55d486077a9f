#include "mysql/schema_history.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace tributary::mysql {
namespace {

class SchemaHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("schema_history_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    context_.connector_name = "movies";
    context_.data_dir = dir_.string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Kafka mode: the opener records the topic asked for and fails (no broker here).
  void KafkaMode() {
    context_.open_shared_history =
        [this](const std::string& topic) -> Result<std::unique_ptr<connect::HistoryLog>> {
      opened_topic_ = topic;
      return Status::Unavailable("no broker in this test");
    };
  }
  std::string Open(std::map<std::string, std::string> keys) {
    auto log = OpenSchemaHistory(context_, connect::Config(std::move(keys)));
    return log.ok() ? (*log)->Describe() : "kafka:" + opened_topic_;
  }

  std::filesystem::path dir_;
  connect::TaskContext context_;
  std::string opened_topic_;
};

TEST_F(SchemaHistoryTest, EmbeddedWorkersKeepAFileInTheDataDir) {
  EXPECT_EQ(Open({}), "file '" + (dir_ / "movies.mysql-schema-history.jsonl").string() + "'");
  std::string file = (dir_ / "h.dat").string();
  EXPECT_EQ(Open({{"database.history.file.filename", file}}), "file '" + file + "'");
  // The Kafka keys of a Debezium config change nothing without Kafka.
  EXPECT_EQ(Open({{"schema.history.internal.kafka.topic", "t"}}),
            "file '" + (dir_ / "movies.mysql-schema-history.jsonl").string() + "'");
}

TEST_F(SchemaHistoryTest, KafkaModeUsesTheNamedTopicOrADefault) {
  KafkaMode();
  EXPECT_EQ(Open({}), "kafka:movies.schema-history");
  EXPECT_EQ(Open({{"database.history.kafka.topic", "old.name"}}), "kafka:old.name");
  EXPECT_EQ(Open({{"database.history.kafka.topic", "old.name"},
                  {"schema.history.internal.kafka.topic", "new.name"}}),
            "kafka:new.name");
  EXPECT_EQ(Open({{"schema.history.internal",
                   "io.debezium.storage.kafka.history.KafkaSchemaHistory"},
                  {"schema.history.internal.kafka.bootstrap.servers", "elsewhere:9092"}}),
            "kafka:movies.schema-history");
}

TEST_F(SchemaHistoryTest, KafkaModeKeepsAFileWhenTheConnectorAsksForOne) {
  KafkaMode();
  std::string file = (dir_ / "h.dat").string();
  EXPECT_EQ(Open({{"schema.history.internal.file.filename", file}}), "file '" + file + "'");
  EXPECT_EQ(Open({{"schema.history.internal",
                   "io.debezium.storage.file.history.FileSchemaHistory"}}),
            "file '" + (dir_ / "movies.mysql-schema-history.jsonl").string() + "'");
  EXPECT_EQ(opened_topic_, "");
}

}  // namespace
}  // namespace tributary::mysql
