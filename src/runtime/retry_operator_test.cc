#include "runtime/retry_operator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

namespace tributary::runtime {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MsSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

TEST(RetryOperatorTest, RetriableFailureIsRetriedUntilItSucceeds) {
  RetryOperator retry(5000, 20);
  int calls = 0;
  Status s = retry.Run("stage", [&] {
    return ++calls < 4 ? Status::Unavailable("registry down") : Status::OK();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(calls, 4);
}

TEST(RetryOperatorTest, GivesUpAfterTheTimeoutNamingStageCauseAndAttempts) {
  RetryOperator retry(400, 100);
  int calls = 0;
  auto start = Clock::now();
  Status s = retry.Run("connector 'c' converter", [&] {
    ++calls;
    return Status::Unavailable("registry down");
  });
  int64_t took = MsSince(start);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("registry down"), std::string::npos);
  EXPECT_NE(s.message().find("connector 'c' converter"), std::string::npos);
  EXPECT_NE(s.message().find("errors.retry.timeout=400"), std::string::npos) << s.message();
  // 300 ms capped at 100 per wait: about 4 waits within the 400 ms.
  EXPECT_GE(took, 400);
  EXPECT_LT(took, 1500);
  EXPECT_GE(calls, 4);
  EXPECT_LE(calls, 6);
}

TEST(RetryOperatorTest, NonRetriableErrorsAndTheDefaultAreNotRetried) {
  int calls = 0;
  Status s = RetryOperator(5000, 10).Run("stage", [&] {
    ++calls;
    return Status::InvalidArgument("bad bytes");
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(calls, 1);
  calls = 0;
  s = RetryOperator().Run("stage", [&] {
    ++calls;
    return Status::Unavailable("down");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(s.message().find("attempts"), std::string::npos);
}

TEST(RetryOperatorTest, MinusOneRetriesForever) {
  int calls = 0;
  Status s = RetryOperator(-1, 1).Run("stage", [&] {
    return ++calls < 20 ? Status::Unavailable("down") : Status::OK();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 20);
}

TEST(RetryOperatorTest, ConfigKeysAreCheckedNamingConnectorAndKey) {
  using Keys = std::map<std::string, std::string>;
  auto r = RetryOperator::FromConfig(connect::Config(Keys{{"errors.retry.timeout", "-5"}}), "c");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("'errors.retry.timeout'"), std::string::npos);
  r = RetryOperator::FromConfig(connect::Config(Keys{{"errors.retry.delay.max.ms", "x"}}), "c");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("connector 'c'"), std::string::npos);
  r = RetryOperator::FromConfig(connect::Config(Keys{}), "c");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->timeout_ms(), 0);
  EXPECT_EQ(r->delay_max_ms(), 60000);
}

}  // namespace
}  // namespace tributary::runtime
