#include "runtime/herder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "converters/plugins.h"
#include "runtime/in_process_topics.h"
#include "runtime/memory_config_store.h"
#include "runtime/memory_status_store.h"
#include "transforms/plugins.h"

namespace tributary::runtime {
namespace {

// A source that emits one record per poll and fails on demand.
struct Script {
  int64_t emitted = 0;
  int starts = 0;
  bool fail_next_poll = false;
};

class ScriptedSource : public connect::SourceTask {
 public:
  explicit ScriptedSource(Script* script) : script_(script) {}
  Status Start(const connect::TaskContext&, const connect::Config&,
               const std::map<std::string, nlohmann::json>&) override {
    ++script_->starts;
    return Status::OK();
  }
  Status Poll(data::RecordBatch* out, int) override {
    if (script_->fail_next_poll) {
      script_->fail_next_poll = false;
      return Status::Unavailable("database went away");
    }
    data::Record r;
    r.topic = "numbers";
    r.value_schema = data::Int64Schema();
    r.value = data::Value::Int(script_->emitted++);
    out->records.push_back(std::move(r));
    return Status::OK();
  }
  void Stop() override {}

 private:
  Script* script_;
};

class HerderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trib-herder-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    converters::RegisterPlugins(plugins_);
    transforms::RegisterPlugins(plugins_);
    plugins_.AddSource({"test.ScriptedSource"},
                       [this] { return std::make_unique<ScriptedSource>(&script_); });
    auto config = WorkerConfig::FromConfig(connect::Config(
        {{"data.dir", dir_.string()}, {"tributary.poll.wait.ms", "0"}}));
    ASSERT_TRUE(config.ok());
    worker_config_ = std::move(config).value();
    transport_ = std::make_unique<InProcessTopics>(&offsets_, &dead_letters_);
    worker_ = std::make_unique<Worker>(&worker_config_, &plugins_, transport_.get(), &offsets_,
                                       nullptr);
    Herder::Parts parts;
    parts.worker_config = &worker_config_;
    parts.plugins = &plugins_;
    parts.configs = &configs_;
    parts.statuses = &statuses_;
    parts.offsets = &offsets_;
    parts.worker = worker_.get();
    parts.cluster_id = "test";
    herder_ = std::make_unique<Herder>(std::move(parts));
    herder_->SetWorkerId("127.0.0.1:8083");
    herder_->SetMembership(&membership_);
  }
  void TearDown() override {
    herder_.reset();
    worker_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Tick(int times = 1) {
    for (int i = 0; i < times; ++i) {
      bool any = false;
      ASSERT_TRUE(herder_->Tick(&any).ok());
    }
  }
  std::string TaskState(const std::string& name) {
    auto state = herder_->GetState(name);
    return state.ok() && !state->tasks.empty() ? state->tasks[0].state : "?";
  }
  Status Create(const std::string& name) {
    return herder_
        ->CreateConnector(name, {{"connector.class", "test.ScriptedSource"},
                                 {"database.password", "s3cret"}})
        .status();
  }

  std::filesystem::path dir_;
  connect::PluginRegistry plugins_;
  Script script_;
  WorkerConfig worker_config_;
  OffsetStore offsets_{"/nonexistent-unused"};
  DeadLetterFile dead_letters_{"/nonexistent-unused"};
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<Worker> worker_;
  MemoryConfigStore configs_;
  MemoryStatusStore statuses_;
  SoleMember membership_;
  std::unique_ptr<Herder> herder_;
  bool created_flag_ = false;
};

TEST_F(HerderTest, CreateRunsTheTaskAndHidesSecrets) {
  ASSERT_TRUE(Create("numbers").ok());
  EXPECT_EQ(Create("numbers").code(), StatusCode::kAlreadyExists);
  Tick(3);
  EXPECT_EQ(TaskState("numbers"), "RUNNING");
  EXPECT_EQ(herder_->GetState("numbers")->tasks[0].worker_id, "127.0.0.1:8083");
  EXPECT_GT(script_.emitted, 0);
  auto info = herder_->GetConnector("numbers");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->type, "source");
  EXPECT_NE(info->config.at("database.password"), "s3cret");
}

TEST_F(HerderTest, PauseStopsPollingAndResumeStartsAgain) {
  ASSERT_TRUE(Create("numbers").ok());
  Tick(2);
  ASSERT_TRUE(herder_->PauseConnector("numbers").ok());
  Tick();
  EXPECT_EQ(TaskState("numbers"), "PAUSED");
  EXPECT_EQ(herder_->GetState("numbers")->state, "PAUSED");
  int64_t emitted = script_.emitted;
  Tick(3);
  EXPECT_EQ(script_.emitted, emitted);
  ASSERT_TRUE(herder_->ResumeConnector("numbers").ok());
  Tick(2);
  EXPECT_EQ(TaskState("numbers"), "RUNNING");
  EXPECT_GT(script_.emitted, emitted);
}

TEST_F(HerderTest, FailedTaskShowsItsTraceAndRestartsOnlyWhenAsked) {
  ASSERT_TRUE(Create("numbers").ok());
  Tick();
  script_.fail_next_poll = true;
  Tick(3);
  auto state = herder_->GetState("numbers");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->tasks[0].state, "FAILED");
  EXPECT_NE(state->tasks[0].trace.find("database went away"), std::string::npos);
  EXPECT_EQ(script_.starts, 1);  // not restarted by itself

  ASSERT_TRUE(herder_->RestartConnector("numbers", /*include_tasks=*/true,
                                        /*only_failed=*/true)
                  .ok());
  Tick(2);
  EXPECT_EQ(TaskState("numbers"), "RUNNING");
  EXPECT_EQ(script_.starts, 2);
  ASSERT_TRUE(herder_->RestartTask("numbers", 0).ok());
  Tick();
  EXPECT_EQ(script_.starts, 3);
  EXPECT_EQ(herder_->RestartTask("numbers", 5).code(), StatusCode::kNotFound);
}

TEST_F(HerderTest, NewConfigRestartsTheTaskAndDeleteForgetsTheConnector) {
  ASSERT_TRUE(Create("numbers").ok());
  Tick();
  bool created = true;
  auto updated = herder_->PutConnectorConfig(
      "numbers", {{"connector.class", "test.ScriptedSource"}, {"tasks.max", "1"}}, &created);
  ASSERT_TRUE(updated.ok());
  EXPECT_FALSE(created);
  Tick();
  EXPECT_EQ(script_.starts, 2);

  ASSERT_TRUE(herder_->DeleteConnector("numbers").ok());
  Tick();
  EXPECT_EQ(herder_->GetState("numbers").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(herder_->GetState("numbers").status().message(), "Connector numbers not found");
  EXPECT_TRUE(herder_->ListConnectors().empty());
  int64_t emitted = script_.emitted;
  Tick(2);
  EXPECT_EQ(script_.emitted, emitted);
}

TEST_F(HerderTest, BadConfigIsRefusedNamingTheKey) {
  Status s = herder_
                 ->CreateConnector("broken", {{"connector.class", "test.ScriptedSource"},
                                              {"errors.tolerance", "sometimes"}})
                 .status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("'errors.tolerance'"), std::string::npos) << s.message();
  s = herder_->PutConnectorConfig("a", {{"name", "b"}, {"connector.class", "test.ScriptedSource"}},
                                  &created_flag_)
          .status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tributary::runtime
