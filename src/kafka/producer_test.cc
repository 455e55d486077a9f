#include "kafka/producer.h"

#include <gtest/gtest.h>

#include "kafka/admin.h"
#include "kafka/consumer.h"

namespace tributary::kafka {
namespace {

using namespace std::chrono_literals;

TEST(ProducerTest, UnknownPropertyIsAnErrorNamingIt) {
  auto producer = Producer::Create({{"bootstrap.servers", "127.0.0.1:1"},
                                    {"no.such.property", "1"}});
  ASSERT_FALSE(producer.ok());
  EXPECT_EQ(producer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(producer.status().message().find("no.such.property"), std::string::npos);
}

TEST(ProducerTest, RequiredPropertiesAreNamed) {
  EXPECT_NE(Producer::Create({}).status().message().find("bootstrap.servers"), std::string::npos);
  EXPECT_NE(Admin::Create({}).status().message().find("bootstrap.servers"), std::string::npos);
  EXPECT_NE(Consumer::Create({{"bootstrap.servers", "127.0.0.1:1"}})
                .status().message().find("group.id"),
            std::string::npos);
}

TEST(ProducerTest, UnreachableBrokerEndsInADeliveryErrorNotAHang) {
  // Nothing listens on loopback port 1; delivery fails once message.timeout.ms passes.
  std::vector<DeliveryReport> reports;
  auto producer = Producer::Create(
      {{"bootstrap.servers", "127.0.0.1:1"}, {"message.timeout.ms", "1000"}},
      [&](const DeliveryReport& report) { reports.push_back(report); });
  ASSERT_TRUE(producer.ok());
  ASSERT_TRUE((*producer)->Produce("t", kAnyPartition, "k", "v", {}, 0, 42).ok());
  Status flushed = (*producer)->Flush(10s);
  EXPECT_FALSE(flushed.ok());
  EXPECT_NE(flushed.message().find("partition"), std::string::npos) << flushed.ToString();
  EXPECT_EQ((*producer)->delivered_count(), 0);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].cookie, 42u);
  EXPECT_FALSE(reports[0].status.ok());
  // The error was reported once; the next Flush has nothing left to report.
  EXPECT_TRUE((*producer)->Flush(1s).ok());
}

}  // namespace
}  // namespace tributary::kafka
