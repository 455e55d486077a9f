#include "runtime/commit_tracker.h"

#include <gtest/gtest.h>

namespace tributary::runtime {
namespace {

TEST(CommitTrackerTest, CommitsOnlyPastDurableRecordsInOrder) {
  CommitTracker t;
  nlohmann::json part = {{"server", "db1"}};
  t.Add("src", part, {{"pos", 1}}, TopicSequence{"movies", 0, 0});
  t.Add("src", part, {{"pos", 2}}, std::nullopt);  // filtered: no sink needed
  t.Add("src", part, {{"pos", 3}}, TopicSequence{"movies", 0, 1});
  t.Add("src", part, {{"pos", 4}}, TopicSequence{"movies", 0, 2});

  int64_t durable = 0;
  auto end = [&](const std::string&, int32_t) { return durable; };
  EXPECT_TRUE(t.TakeCommittable(end).empty());

  durable = 1;  // record 0 durable; the filtered record after it commits with it
  auto c = t.TakeCommittable(end);
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(c.offsets[0].source_offset["pos"], 2);
  EXPECT_EQ((c.next_sequences.at({"movies", 0})), 1);
  EXPECT_EQ(t.pending(), 2u);

  durable = 3;
  c = t.TakeCommittable(end);
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(c.offsets[0].source_offset["pos"], 4);
  EXPECT_EQ((c.next_sequences.at({"movies", 0})), 3);
  EXPECT_EQ(t.pending(), 0u);
}

TEST(CommitTrackerTest, AnUndurableRecordHoldsBackEverythingAfterIt) {
  CommitTracker t;
  t.Add("src", {{"server", "a"}}, {{"pos", 1}}, TopicSequence{"t1", 0, 5});
  t.Add("src", {{"server", "a"}}, {{"pos", 2}}, TopicSequence{"t2", 0, 0});
  auto end = [](const std::string& topic, int32_t) -> int64_t { return topic == "t2" ? 100 : 5; };
  EXPECT_TRUE(t.TakeCommittable(end).empty());
  EXPECT_EQ(t.pending(), 2u);
}

TEST(CommitTrackerTest, RecordsWithoutOffsetCommitOnlyWithTheNextCommitPoint) {
  CommitTracker t;
  nlohmann::json part = {{"server", "db1"}};
  t.Add("src", part, nullptr, TopicSequence{"movies", 0, 0});  // e.g. snapshot rows
  t.Add("src", part, nullptr, TopicSequence{"movies", 0, 1});
  t.Add("src", part, {{"pos", 9}}, TopicSequence{"movies", 0, 2});

  int64_t durable = 2;  // the first two are uploaded, the commit point is not
  auto end = [&](const std::string&, int32_t) { return durable; };
  auto c = t.TakeCommittable(end);
  EXPECT_TRUE(c.empty());  // neither the offset nor the sequence counter may move yet
  EXPECT_EQ(t.pending(), 3u);

  durable = 3;
  c = t.TakeCommittable(end);
  ASSERT_EQ(c.offsets.size(), 1u);
  EXPECT_EQ(c.offsets[0].source_offset["pos"], 9);
  EXPECT_EQ((c.next_sequences.at({"movies", 0})), 3);
  EXPECT_EQ(t.pending(), 0u);
}

}  // namespace
}  // namespace tributary::runtime
