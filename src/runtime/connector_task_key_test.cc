#include "runtime/connector_task_key.h"

#include <gtest/gtest.h>

namespace tributary::runtime {
namespace {

TEST(ConnectorTaskKeyTest, TheTaskNumberFollowsTheLastDash) {
  auto t = ParseConnectorTask("my-connector-12");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->connector, "my-connector");
  EXPECT_EQ(t->task, 12);
}

TEST(ConnectorTaskKeyTest, KeysWithoutATaskNumberAreNotTasks) {
  EXPECT_FALSE(ParseConnectorTask("connector").has_value());
  EXPECT_FALSE(ParseConnectorTask("connector-").has_value());
  EXPECT_FALSE(ParseConnectorTask("connector-x1").has_value());
  EXPECT_FALSE(ParseConnectorTask("-3").has_value());
}

}  // namespace
}  // namespace tributary::runtime
