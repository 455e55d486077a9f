#include "runtime/standalone_worker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "converters/plugins.h"
#include "transforms/plugins.h"

namespace tributary::runtime {
namespace {

// A source that emits rows 0..total-1 of topic "numbers", one source offset per row, and
// resumes after the committed offset on Start.
struct FakeSourceState {
  int64_t total = 25;
  int64_t started_from = -1;
  int64_t offset_every = 1;  // only every Nth record carries a source offset
};

class FakeSource : public connect::SourceTask {
 public:
  explicit FakeSource(FakeSourceState* state) : state_(state) {}
  Status Start(const connect::TaskContext&, const connect::Config&,
               const std::map<std::string, nlohmann::json>& committed) override {
    next_ = 0;
    for (const auto& [partition, offset] : committed) next_ = offset["row"].get<int64_t>() + 1;
    state_->started_from = next_;
    return Status::OK();
  }
  Status Poll(data::RecordBatch* out, int) override {
    for (int i = 0; i < 7 && next_ < state_->total; ++i, ++next_) {
      data::Record r;
      r.topic = "numbers";
      r.value_schema = data::Int64Schema();
      r.value = data::Value::Int(next_);
      if ((next_ + 1) % state_->offset_every == 0) {
        r.source_partition = {{"server", "fake"}};
        r.source_offset = {{"row", next_}};
      }
      out->records.push_back(std::move(r));
    }
    return Status::OK();
  }
  void Stop() override {}

 private:
  FakeSourceState* state_;
  int64_t next_ = 0;
};

// A sink that makes records durable in groups of `flush` and remembers what it wrote, by
// offset, the way an object store keyed by start offset would.
struct FakeSinkState {
  int64_t flush = 10;
  int unavailable_puts = 0;  // the next N puts fail as an unreachable object store would
  std::map<int64_t, std::vector<int64_t>> files;  // start offset -> values
};

class FakeSink : public connect::SinkTask {
 public:
  explicit FakeSink(FakeSinkState* state) : state_(state) {}
  Status Start(const connect::TaskContext&, const connect::Config&) override {
    buffer_.clear();
    return Status::OK();
  }
  Status Put(data::RecordBatch& batch) override {
    if (state_->unavailable_puts > 0) {
      --state_->unavailable_puts;
      return Status::Unavailable("object store unreachable (connection refused)");
    }
    for (auto& r : batch.records) {
      if (buffer_.empty()) start_ = r.kafka_offset;
      buffer_.push_back(r.value.as_int());
      if (static_cast<int64_t>(buffer_.size()) == state_->flush) {
        state_->files[start_] = buffer_;
        buffer_.clear();
        durable_ = r.kafka_offset + 1;
      }
    }
    return Status::OK();
  }
  Result<std::map<connect::TopicPartition, int64_t>> PreCommit(
      const std::map<connect::TopicPartition, int64_t>&) override {
    return std::map<connect::TopicPartition, int64_t>{{{"numbers", 0}, durable_}};
  }
  void Stop() override {}

 private:
  FakeSinkState* state_;
  std::vector<int64_t> buffer_;
  int64_t start_ = 0;
  int64_t durable_ = 0;
};

class StandaloneWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-worker-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    converters::RegisterPlugins(plugins_);
    transforms::RegisterPlugins(plugins_);
    plugins_.AddSource({"test.FakeSource"}, [this] { return std::make_unique<FakeSource>(&source_); });
    plugins_.AddSink({"test.FakeSink"}, [this] { return std::make_unique<FakeSink>(&sink_); });
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Status RunOnce(const std::map<std::string, std::string>& sink_extra = {}) {
    connect::Config worker_raw({{"data.dir", dir_.string()},
                                {"value.converter", "org.apache.kafka.connect.json.JsonConverter"},
                                {"tributary.poll.wait.ms", "0"}});
    auto worker = WorkerConfig::FromConfig(worker_raw);
    if (!worker.ok()) return worker.status();
    std::map<std::string, std::string> sink = {
        {"name", "sink"}, {"connector.class", "test.FakeSink"}, {"topics", "numbers"}};
    sink.insert(sink_extra.begin(), sink_extra.end());
    std::vector<connect::Config> connectors = {
        connect::Config({{"name", "src"}, {"connector.class", "test.FakeSource"}}),
        connect::Config(sink),
    };
    StandaloneWorker w(std::move(worker).value(), std::move(connectors), &plugins_);
    TRIB_RETURN_IF_ERROR(w.Start());
    return w.Run(/*max_idle_loops=*/3);
  }

  std::filesystem::path dir_;
  connect::PluginRegistry plugins_;
  FakeSourceState source_;
  FakeSinkState sink_;
};

TEST_F(StandaloneWorkerTest, CommitsOnlyWhatTheSinkMadeDurableAndReplaysTheRest) {
  ASSERT_TRUE(RunOnce().ok());
  // 25 rows, files of 10: rows 20..24 are not durable, so the source offset stops at row 19.
  ASSERT_EQ(sink_.files.size(), 2u);
  EXPECT_EQ(sink_.files.at(0).front(), 0);
  EXPECT_EQ(sink_.files.at(10).back(), 19);

  // A restart (the sink lost its buffer, as after a crash) replays from row 20 under the same
  // offsets, so the next file starts at offset 20 and nothing is duplicated or lost.
  source_.total = 30;
  ASSERT_TRUE(RunOnce().ok());
  EXPECT_EQ(source_.started_from, 20);
  ASSERT_EQ(sink_.files.size(), 3u);
  std::vector<int64_t> expected(10);
  for (int i = 0; i < 10; ++i) expected[i] = 20 + i;
  EXPECT_EQ(sink_.files.at(20), expected);
}

TEST_F(StandaloneWorkerTest, ReplayResumesEachSinkAtItsOwnDurableOffset) {
  // Source commit points every 7 records, sink files of 10: after the first run the source
  // is committed at row 13 while the sink made rows up to 19 durable.
  source_.offset_every = 7;
  ASSERT_TRUE(RunOnce().ok());
  ASSERT_EQ(sink_.files.size(), 2u);
  source_.total = 30;
  ASSERT_TRUE(RunOnce().ok());
  EXPECT_EQ(source_.started_from, 14);
  // The replayed rows 14..19 are skipped for the sink, so the next file starts at 20 and no
  // file overlaps another.
  std::vector<int64_t> starts;
  for (const auto& [start, values] : sink_.files) starts.push_back(start);
  EXPECT_EQ(starts, (std::vector<int64_t>{0, 10, 20}));
  EXPECT_EQ(sink_.files.at(20).front(), 20);
}

TEST_F(StandaloneWorkerTest, SinkWhoseStoreComesBackWithinTheRetryTimeoutLosesNothing) {
  sink_.unavailable_puts = 3;
  ASSERT_TRUE(RunOnce({{"errors.retry.timeout", "10000"}, {"errors.retry.delay.max.ms", "20"}})
                  .ok());
  EXPECT_EQ(sink_.unavailable_puts, 0);
  ASSERT_EQ(sink_.files.size(), 2u);
  std::vector<int64_t> expected(10);
  for (int i = 0; i < 10; ++i) expected[i] = i;
  EXPECT_EQ(sink_.files.at(0), expected);
  EXPECT_EQ(sink_.files.at(10).back(), 19);
}

TEST_F(StandaloneWorkerTest, SinkStillFailingAfterTheRetryTimeoutFailsNamingTheCause) {
  sink_.unavailable_puts = 1000;
  Status s = RunOnce({{"errors.retry.timeout", "300"}, {"errors.retry.delay.max.ms", "50"}});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("object store unreachable"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("errors.retry.timeout=300"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("sink connector 'sink' put"), std::string::npos) << s.message();
  EXPECT_TRUE(sink_.files.empty());
  // Without a retry timeout (the default) the first failure fails the task.
  sink_.unavailable_puts = 1;
  s = RunOnce();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().find("attempts"), std::string::npos) << s.message();
}

TEST_F(StandaloneWorkerTest, UnknownConnectorClassNamesTheConnectorAndTheChoices) {
  connect::Config worker_raw({{"data.dir", dir_.string()}});
  std::vector<connect::Config> connectors = {
      connect::Config({{"name", "bad"}, {"connector.class", "com.example.Nope"}})};
  StandaloneWorker w(*WorkerConfig::FromConfig(worker_raw), connectors, &plugins_);
  Status s = w.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("connector 'bad'"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("com.example.Nope"), std::string::npos);
  EXPECT_NE(s.message().find("test.FakeSource"), std::string::npos);
}

TEST_F(StandaloneWorkerTest, ExactlyOnceSourcesNeedADistributedWorker) {
  auto bad = WorkerConfig::FromConfig(
      connect::Config(std::map<std::string, std::string>{{"exactly.once.source.support", "on"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'exactly.once.source.support'"), std::string::npos);
  EXPECT_NE(bad.status().message().find("preparing"), std::string::npos);

  connect::Config worker_raw(
      {{"data.dir", dir_.string()}, {"exactly.once.source.support", "enabled"}});
  StandaloneWorker w(*WorkerConfig::FromConfig(worker_raw), {}, &plugins_);
  Status s = w.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("exactly.once.source.support"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("tributary connect"), std::string::npos) << s.message();

  // A connector requiring exactly once on a worker without it names the key.
  connect::Config plain({{"data.dir", dir_.string()}});
  std::vector<connect::Config> connectors = {
      connect::Config({{"name", "src"},
                       {"connector.class", "test.FakeSource"},
                       {"exactly.once.support", "required"}})};
  StandaloneWorker w2(*WorkerConfig::FromConfig(plain), connectors, &plugins_);
  s = w2.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'exactly.once.support'"), std::string::npos) << s.message();
}

TEST_F(StandaloneWorkerTest, SinkWithoutTopicsIsRejected) {
  connect::Config worker_raw({{"data.dir", dir_.string()}});
  std::vector<connect::Config> connectors = {
      connect::Config({{"name", "sink"}, {"connector.class", "test.FakeSink"}})};
  StandaloneWorker w(*WorkerConfig::FromConfig(worker_raw), connectors, &plugins_);
  Status s = w.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'topics'"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace tributary::runtime
