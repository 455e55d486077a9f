// A produce/consume round trip through src/kafka against the real broker.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "service_env.h"

namespace tributary::kafka {
namespace {

using namespace std::chrono_literals;
using testing_env::RequireEnv;

std::string UniqueName(const std::string& base) {
  return base + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

TEST(KafkaTest, CreatesTopicProducesIdempotentlyAndConsumesInGroupWithCommit) {
  std::string bootstrap = RequireEnv("TRIB_KAFKA_BOOTSTRAP");
  ASSERT_FALSE(HasFailure());
  std::map<std::string, std::string> client = {{"bootstrap.servers", bootstrap}};

  auto admin = Admin::Create(client);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  std::string topic = UniqueName("itest-roundtrip");
  ASSERT_TRUE((*admin)
                  ->CreateTopics({{.name = topic, .partitions = 3, .replication_factor = 1,
                                   .configs = {{"cleanup.policy", "delete"}}}},
                                 10s)
                  .ok());
  Status again = (*admin)->CreateTopics({{.name = topic, .partitions = 3}}, 10s);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  auto topics = (*admin)->ListTopics(10s);
  ASSERT_TRUE(topics.ok()) << topics.status().ToString();
  auto found = std::find_if(topics->begin(), topics->end(),
                            [&](const TopicInfo& t) { return t.name == topic; });
  ASSERT_NE(found, topics->end());
  EXPECT_EQ(found->partitions, 3);

  constexpr int kMessages = 300;
  std::set<uint64_t> acknowledged;
  auto producer = Producer::Create(client, [&](const DeliveryReport& report) {
    EXPECT_TRUE(report.status.ok()) << report.status.ToString();
    EXPECT_GE(report.offset, 0);
    acknowledged.insert(report.cookie);
  });
  ASSERT_TRUE(producer.ok()) << producer.status().ToString();
  for (int i = 0; i < kMessages; ++i) {
    std::string key = "key-" + std::to_string(i % 7);
    std::optional<std::string_view> value;
    std::string text = "value-" + std::to_string(i);
    if (i % 50 != 49) value = text;  // every 50th is a tombstone
    ASSERT_TRUE((*producer)
                    ->Produce(topic, kAnyPartition, key, value,
                              {{"source", "itest"}, {"empty", std::nullopt}}, 0, i)
                    .ok());
  }
  ASSERT_TRUE((*producer)->Flush(30s).ok());
  EXPECT_EQ((*producer)->delivered_count(), kMessages);
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kMessages));

  std::string group = UniqueName("itest-group");
  auto consumer = Consumer::Create({{"bootstrap.servers", bootstrap}, {"group.id", group}});
  ASSERT_TRUE(consumer.ok()) << consumer.status().ToString();
  ASSERT_TRUE((*consumer)->Subscribe({topic}).ok());
  std::map<std::string, int> by_value;
  std::map<int32_t, int64_t> next_offset;
  std::map<std::string, int32_t> partition_of_key;
  auto deadline = std::chrono::steady_clock::now() + 60s;
  int received = 0;
  while (received < kMessages && std::chrono::steady_clock::now() < deadline) {
    auto batch = (*consumer)->Poll(100, 1s);
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    for (const auto& message : *batch) {
      ++received;
      ASSERT_TRUE(message.key.has_value());
      by_value[message.value.value_or("<null>")]++;
      next_offset[message.partition] = message.offset + 1;
      // The same key always lands in the same partition.
      auto [it, inserted] = partition_of_key.emplace(*message.key, message.partition);
      EXPECT_EQ(it->second, message.partition) << *message.key;
      ASSERT_EQ(message.headers.size(), 2u);
      EXPECT_EQ(message.headers[0].key, "source");
      EXPECT_EQ(message.headers[0].value, "itest");
      EXPECT_EQ(message.headers[1].value, std::nullopt);
      EXPECT_GT(message.timestamp_ms, 0);
    }
  }
  ASSERT_EQ(received, kMessages);
  EXPECT_EQ(by_value["<null>"], kMessages / 50);
  EXPECT_EQ(by_value["value-0"], 1);
  EXPECT_EQ(by_value["value-298"], 1);

  std::vector<TopicPartitionOffset> commit;
  for (auto [partition, offset] : next_offset) commit.push_back({topic, partition, offset});
  ASSERT_TRUE((*consumer)->Commit(commit).ok());
  auto committed = (*consumer)->Committed(commit, 10s);
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_EQ(*committed, commit);
  EXPECT_TRUE((*consumer)->Close().ok());

  // A consumer assigned to a partition from the beginning reads the same records again.
  auto reader = Consumer::Create({{"bootstrap.servers", bootstrap}, {"group.id", group + "-2"}});
  ASSERT_TRUE(reader.ok());
  int32_t partition = next_offset.begin()->first;
  ASSERT_TRUE((*reader)->Assign({{topic, partition, kOffsetBeginning}}).ok());
  int64_t read = 0;
  deadline = std::chrono::steady_clock::now() + 30s;
  while (read < next_offset[partition] && std::chrono::steady_clock::now() < deadline) {
    auto batch = (*reader)->Poll(500, 1s);
    ASSERT_TRUE(batch.ok());
    read += static_cast<int64_t>(batch->size());
  }
  EXPECT_EQ(read, next_offset[partition]);
  // Clients let go of the topic before it is deleted: librdkafka 2.0 can hang in destroy when
  // an assigned partition disappears under it.
  EXPECT_TRUE((*reader)->Close().ok());
  reader->reset();
  consumer->reset();
  producer->reset();
  EXPECT_TRUE((*admin)->DeleteTopics({topic}, 10s).ok());
}

}  // namespace
}  // namespace tributary::kafka
