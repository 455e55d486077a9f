#include "connectrest/connect_rest_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "connect/config.h"
#include "connectrest/prometheus_metrics.h"

namespace tributary::connectrest {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "pa55-w0rd!";

// An in-memory worker with Kafka Connect's messages, recording the control calls it receives.
class FakeWorker : public WorkerControl {
 public:
  std::string WorkerId() const override { return "127.0.0.1:8083"; }
  std::string ClusterId() const override { return "local-cluster-id"; }

  std::vector<std::string> ListConnectors() override {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    for (const auto& [name, c] : connectors_) names.push_back(name);
    return names;
  }
  Result<ConnectorInfo> GetConnector(const std::string& name) override {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return NotFound(name);
    return it->second.info;
  }
  Result<ConnectorState> GetState(const std::string& name) override {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return NotFound(name);
    return it->second.state;
  }
  Result<ConnectorInfo> CreateConnector(const std::string& name,
                                        std::map<std::string, std::string> config) override {
    std::lock_guard lock(mu_);
    if (connectors_.count(name)) return Status::AlreadyExists("Connector {} already exists", name);
    return Install(name, std::move(config));
  }
  Result<ConnectorInfo> PutConnectorConfig(const std::string& name,
                                           std::map<std::string, std::string> config,
                                           bool* created) override {
    std::lock_guard lock(mu_);
    *created = connectors_.count(name) == 0;
    return Install(name, std::move(config));
  }
  Status DeleteConnector(const std::string& name) override {
    std::lock_guard lock(mu_);
    if (connectors_.erase(name) == 0) return NotFound(name);
    return Status::OK();
  }
  Status PauseConnector(const std::string& name) override { return SetState(name, "PAUSED"); }
  Status ResumeConnector(const std::string& name) override { return SetState(name, "RUNNING"); }
  Status StopConnector(const std::string& name) override { return SetState(name, "STOPPED"); }
  Status RestartConnector(const std::string& name, bool include_tasks, bool only_failed) override {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return NotFound(name);
    last_restart = fmt::format("{} include_tasks={} only_failed={}", name, include_tasks, only_failed);
    if (include_tasks)
      for (TaskState& t : it->second.state.tasks)
        if (!only_failed || t.state == "FAILED") {
          t.state = "RESTARTING";
          t.trace.clear();
        }
    return Status::OK();
  }
  Status RestartTask(const std::string& name, int task_id) override {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return NotFound(name);
    if (task_id >= static_cast<int>(it->second.state.tasks.size()))
      return Status::NotFound("Task {}-{} not found", name, task_id);
    last_restart = fmt::format("{}-{}", name, task_id);
    return Status::OK();
  }
  Result<nlohmann::json> GetOffsets(const std::string& name) override {
    std::lock_guard lock(mu_);
    if (!connectors_.count(name)) return NotFound(name);
    return json::parse(R"({"offsets":[{"partition":{"server":"db1"},
                                       "offset":{"file":"binlog.000003","pos":4242}}]})");
  }
  std::vector<connect::PluginRegistry::PluginInfo> ListPlugins() override {
    using connect::PluginType;
    return {{"io.debezium.connector.mysql.MySqlConnector", PluginType::kSource},
            {"org.apache.kafka.connect.json.JsonConverter", PluginType::kConverter},
            {"io.debezium.transforms.ExtractNewRecordState", PluginType::kTransformation},
            {"io.confluent.connect.s3.S3SinkConnector", PluginType::kSink},
            {"org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
             PluginType::kPredicate}};
  }
  Result<nlohmann::json> PluginConfig(const std::string& plugin_class) override {
    if (plugin_class != "S3SinkConnector")
      return Status::NotFound("Unknown plugin {}.", plugin_class);
    return json::parse(R"([{"name":"flush.size","type":"INT","required":true}])");
  }
  Result<nlohmann::json> ValidateConfig(const std::string& plugin_class,
                                        const std::map<std::string, std::string>& config) override {
    std::lock_guard lock(mu_);
    validated_class = plugin_class;
    json configs = json::array();
    for (const auto& [key, value] : config)
      configs.push_back({{"definition", {{"name", key}}},
                         {"value",
                          {{"name", key},
                           {"value", value},
                           {"recommended_values", json::array()},
                           {"errors", json::array()},
                           {"visible", true}}}});
    return json{{"name", plugin_class}, {"error_count", 0}, {"groups", {"Common"}},
                {"configs", configs}};
  }

  // Marks task `id` of `name` FAILED with a trace.
  void FailTask(const std::string& name, int id, const std::string& trace) {
    std::lock_guard lock(mu_);
    TaskState& t = connectors_.at(name).state.tasks.at(id);
    t.state = "FAILED";
    t.trace = trace;
  }

  std::string last_restart;
  std::string validated_class;

 private:
  struct Connector {
    ConnectorInfo info;
    ConnectorState state;
  };

  static Status NotFound(const std::string& name) {
    return Status::NotFound("Connector {} not found", name);
  }

  // Like a worker's validation, which may quote a value: the REST layer must hide secrets.
  Result<ConnectorInfo> Install(const std::string& name, std::map<std::string, std::string> config) {
    if (config.count("connector.class") == 0)
      return Status::InvalidArgument(
          "Connector '{}': missing 'connector.class' (database.password is '{}')", name,
          config.count("database.password") ? config["database.password"] : "");
    int tasks = std::stoi(config.count("tasks.max") ? config["tasks.max"] : "1");
    Connector c;
    c.info.name = name;
    c.info.type = config["connector.class"].find("Sink") != std::string::npos ? "sink" : "source";
    c.info.config = connect::Config(config).Redacted();
    c.state.name = name;
    c.state.type = c.info.type;
    c.state.state = "RUNNING";
    c.state.worker_id = WorkerId();
    for (int i = 0; i < tasks; ++i) {
      c.info.task_ids.push_back(i);
      c.state.tasks.push_back({i, "RUNNING", WorkerId(), ""});
    }
    connectors_[name] = c;
    return c.info;
  }

  Status SetState(const std::string& name, const std::string& state) {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return NotFound(name);
    it->second.state.state = state;
    for (TaskState& t : it->second.state.tasks) t.state = state;
    return Status::OK();
  }

  std::mutex mu_;
  std::map<std::string, Connector> connectors_;
};

class FakeMetrics : public MetricsSource {
 public:
  std::vector<TaskMetrics> CollectTaskMetrics() override {
    TaskMetrics source;
    source.connector = "movies";
    source.task = 0;
    source.type = "source";
    source.records_polled = 1200;
    source.records_written = 1190;
    source.records_filtered = 7;
    source.records_failed = 3;
    source.records_dlq = 2;
    source.batches = 4;
    source.batch_records = 1200;
    source.commits = 2;
    source.commit_latency_ms_sum = 12.5;
    source.commit_latency_ms_max = 10;
    source.source_lag_ms = 350;
    return {source};
  }
};

class ConnectRestServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ConnectRestServer>(&worker_, &metrics_);
    ASSERT_TRUE(server_->Start("127.0.0.1", 0).ok());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override { server_->Stop(); }

  // Creates a MySQL source with two tasks and a password.
  void CreateMovies() {
    auto res = Post("/connectors", R"({"name":"movies","config":{
        "connector.class":"io.debezium.connector.mysql.MySqlConnector",
        "tasks.max":"2","database.password":"pa55-w0rd!","topic.prefix":"db1"}})");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  }

  httplib::Result Get(const std::string& path) { return client_->Get(path.c_str()); }
  httplib::Result Post(const std::string& path, const std::string& body = "") {
    return client_->Post(path.c_str(), body, "application/json");
  }
  httplib::Result Put(const std::string& path, const std::string& body = "") {
    return client_->Put(path.c_str(), body, "application/json");
  }
  httplib::Result Delete(const std::string& path) { return client_->Delete(path.c_str()); }

  static json Body(const httplib::Result& res) { return json::parse(res->body); }
  static json Error(int code, const std::string& message) {
    return json{{"error_code", code}, {"message", message}};
  }

  FakeWorker worker_;
  FakeMetrics metrics_;
  std::unique_ptr<ConnectRestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ConnectRestServerTest, RootReportsVersionCommitAndClusterId) {
  auto res = Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  json body = Body(res);
  EXPECT_EQ(body["version"], std::string(TributaryVersion()));
  EXPECT_EQ(body["commit"], std::string(TributaryCommit()));
  EXPECT_EQ(body["kafka_cluster_id"], "local-cluster-id");
}

TEST_F(ConnectRestServerTest, CreateAnswers201WithConnectorInfoAndLocation) {
  auto res = Post("/connectors", R"({"name":" movies ","config":{
      "connector.class":"io.debezium.connector.mysql.MySqlConnector","tasks.max":2,
      "database.password":"pa55-w0rd!","snapshot.locking.minimal":true}})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(res->get_header_value("Location"),
            fmt::format("http://127.0.0.1:{}/connectors/movies", server_->port()));
  json expected = json::parse(R"({"name":"movies","config":{
      "connector.class":"io.debezium.connector.mysql.MySqlConnector","database.password":"[hidden]",
      "name":"movies","snapshot.locking.minimal":"true","tasks.max":"2"},
      "tasks":[{"connector":"movies","task":0},{"connector":"movies","task":1}],"type":"source"})");
  EXPECT_EQ(Body(res), expected);
  EXPECT_EQ(Body(Get("/connectors")), json::parse(R"(["movies"])"));
}

TEST_F(ConnectRestServerTest, CreateRejectsDuplicatesAndBadBodies) {
  CreateMovies();
  auto dup = Post("/connectors", R"({"name":"movies","config":{"connector.class":"X"}})");
  EXPECT_EQ(dup->status, 409);
  EXPECT_EQ(Body(dup), Error(409, "Connector movies already exists"));

  auto malformed = Post("/connectors", R"({"name":"m","config":{"database.password":"pa55-w0rd!)");
  EXPECT_EQ(malformed->status, 400);
  json error = Body(malformed);
  EXPECT_EQ(error["error_code"], 400);
  EXPECT_NE(error["message"].get<std::string>().find("Malformed JSON in the request body: parse "
                                                     "error at line 1, column"),
            std::string::npos)
      << error;
  EXPECT_EQ(malformed->body.find(kPassword), std::string::npos);
  EXPECT_EQ(malformed->body.find("pa55"), std::string::npos);

  EXPECT_EQ(Body(Post("/connectors", "")),
            Error(400, "The request body is empty; send a JSON object"));
  EXPECT_EQ(Body(Post("/connectors", "[1]")),
            Error(400, "The request body must be a JSON object, not array"));
  EXPECT_EQ(Body(Post("/connectors", R"({"name":"  ","config":{}})")),
            Error(400, "Connector configuration is invalid and contains the following 1 error(s):\n"
                       "Invalid value  for configuration name: String may not be empty\n"
                       "You can also find the above list of errors at the endpoint "
                       "`/connector-plugins/{connectorType}/config/validate`"));
  EXPECT_EQ(Body(Post("/connectors", R"({"name":"a\nb","config":{}})"))["message"],
            "Connector configuration is invalid and contains the following 1 error(s):\n"
            "Invalid value \"a\\nb\" for configuration name: String may not contain control "
            "sequences\nYou can also find the above list of errors at the endpoint "
            "`/connector-plugins/{connectorType}/config/validate`");
  EXPECT_EQ(Body(Post("/connectors", R"({"name":"m"})"))["error_code"], 400);
  EXPECT_EQ(Body(Post("/connectors", R"({"name":"m","config":{"tasks.max":[1]}})")),
            Error(400, "\"config\": the value of 'tasks.max' must be a string, not array"));
  EXPECT_EQ(Body(Post("/connectors", R"({"name":"m","config":{"name":"other"}})")),
            Error(400, "Connector name configuration (other) doesn't match connector name in the "
                       "URL (m)"));
  EXPECT_EQ(Post("/connectors", R"({"name":"m","config":{"connector.class":"X"},
                                    "initial_state":"PAUSED"})")->status, 400);
  EXPECT_EQ(Post("/connectors", R"({"name":"m","config":{"connector.class":"X"},
                                    "initial_state":"running"})")->status, 201);
}

TEST_F(ConnectRestServerTest, ErrorMessagesNeverEchoSecretValues) {
  auto res = Post("/connectors", R"({"name":"m","config":{"database.password":"pa55-w0rd!"}})");
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(Body(res), Error(400, "Connector 'm': missing 'connector.class' (database.password is "
                                  "'[hidden]')"));
  auto put = Put("/connectors/m/config", R"({"database.password":"pa55-w0rd!"})");
  ASSERT_EQ(put->status, 400);
  EXPECT_EQ(put->body.find(kPassword), std::string::npos) << put->body;
}

TEST_F(ConnectRestServerTest, InfoConfigStatusAndTasks) {
  CreateMovies();
  json info = Body(Get("/connectors/movies"));
  EXPECT_EQ(info["name"], "movies");
  EXPECT_EQ(info["type"], "source");
  EXPECT_EQ(info["config"]["database.password"], "[hidden]");
  EXPECT_EQ(info["tasks"], json::parse(R"([{"connector":"movies","task":0},
                                           {"connector":"movies","task":1}])"));

  auto config = Get("/connectors/movies/config");
  EXPECT_EQ(config->status, 200);
  EXPECT_EQ(Body(config), info["config"]);
  EXPECT_EQ(config->body.find(kPassword), std::string::npos);

  worker_.FailTask("movies", 1, "java.lang.Boom\n\tat here");
  const std::string v(TributaryVersion());
  auto status = Get("/connectors/movies/status");
  // Field order as Kafka Connect 4.1.1 writes it.
  EXPECT_EQ(status->body,
            R"({"name":"movies","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083",)"
            R"("version":")" + v + R"("},"tasks":[{"id":0,"state":"RUNNING",)"
            R"("worker_id":"127.0.0.1:8083","version":")" + v + R"("},{"id":1,"state":"FAILED",)"
            R"("worker_id":"127.0.0.1:8083","version":")" + v + R"(",)"
            R"("trace":"java.lang.Boom\n\tat here"}],"type":"source"})");
  EXPECT_EQ(Body(Get("/connectors/movies/tasks/1/status")),
            json::parse(R"({"id":1,"state":"FAILED","worker_id":"127.0.0.1:8083",
                            "version":")" + v + R"(","trace":"java.lang.Boom\n\tat here"})"));
  EXPECT_EQ(Body(Get("/connectors/movies/tasks/7/status")),
            Error(404, "No status found for task movies-7"));
  EXPECT_EQ(Body(Get("/connectors/movies/tasks/x/status")), Error(404, "HTTP 404 Not Found"));

  json tasks = Body(Get("/connectors/movies/tasks"));
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1]["id"], json::parse(R"({"connector":"movies","task":1})"));
  EXPECT_EQ(tasks[1]["config"]["database.password"], "[hidden]");
  EXPECT_EQ(tasks[1]["config"]["topic.prefix"], "db1");
}

TEST_F(ConnectRestServerTest, UnknownConnectorIs404OnEveryRoute) {
  const json not_found = Error(404, "Connector ghost not found");
  EXPECT_EQ(Body(Get("/connectors/ghost")), not_found);
  EXPECT_EQ(Body(Get("/connectors/ghost/config")), not_found);
  EXPECT_EQ(Body(Get("/connectors/ghost/status")), not_found);
  EXPECT_EQ(Body(Get("/connectors/ghost/tasks")), not_found);
  EXPECT_EQ(Body(Get("/connectors/ghost/tasks/0/status")), not_found);
  EXPECT_EQ(Body(Get("/connectors/ghost/offsets")), not_found);
  EXPECT_EQ(Body(Post("/connectors/ghost/restart")), not_found);
  EXPECT_EQ(Body(Post("/connectors/ghost/tasks/0/restart")), not_found);
  EXPECT_EQ(Body(Put("/connectors/ghost/pause")), not_found);
  EXPECT_EQ(Body(Put("/connectors/ghost/resume")), not_found);
  EXPECT_EQ(Body(Put("/connectors/ghost/stop")), not_found);
  auto del = Delete("/connectors/ghost");
  EXPECT_EQ(del->status, 404);
  EXPECT_EQ(Body(del), not_found);
}

TEST_F(ConnectRestServerTest, PutConfigCreatesThenUpdates) {
  auto created = Put("/connectors/s3 sink/config",
                     R"({"connector.class":"io.confluent.connect.s3.S3SinkConnector",
                         "aws.secret.access.key":"abc123xyz"})");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201) << created->body;
  // The server sends ".../connectors/s3%20sink"; httplib's client decodes Location headers.
  EXPECT_EQ(created->get_header_value("Location"),
            fmt::format("http://127.0.0.1:{}/connectors/s3 sink", server_->port()));
  json info = Body(created);
  EXPECT_EQ(info["name"], "s3 sink");
  EXPECT_EQ(info["type"], "sink");
  EXPECT_EQ(info["config"]["name"], "s3 sink");
  EXPECT_EQ(info["config"]["aws.secret.access.key"], "[hidden]");

  auto updated = Put("/connectors/s3%20sink/config",
                     R"({"connector.class":"io.confluent.connect.s3.S3SinkConnector",
                         "tasks.max":"3","name":"s3 sink"})");
  EXPECT_EQ(updated->status, 200) << updated->body;
  EXPECT_FALSE(updated->has_header("Location"));
  EXPECT_EQ(Body(updated)["tasks"].size(), 3u);
  EXPECT_EQ(Body(Put("/connectors/s3%20sink/config", R"({"name":"x"})")),
            Error(400, "Connector name configuration (x) doesn't match connector name in the URL "
                       "(s3 sink)"));
}

TEST_F(ConnectRestServerTest, RestartPauseResumeStopDelete) {
  CreateMovies();
  auto restart = Post("/connectors/movies/restart");
  EXPECT_EQ(restart->status, 204);
  EXPECT_TRUE(restart->body.empty());
  EXPECT_EQ(worker_.last_restart, "movies include_tasks=false only_failed=false");

  worker_.FailTask("movies", 0, "trace");
  auto with_tasks = Post("/connectors/movies/restart?includeTasks=true&onlyFailed=true");
  EXPECT_EQ(with_tasks->status, 202);
  EXPECT_EQ(worker_.last_restart, "movies include_tasks=true only_failed=true");
  json state = Body(with_tasks);
  EXPECT_EQ(state["tasks"][0]["state"], "RESTARTING");
  EXPECT_EQ(state["tasks"][1]["state"], "RUNNING");
  EXPECT_EQ(Post("/connectors/movies/restart?onlyFailed=TRUE")->status, 202);
  EXPECT_EQ(worker_.last_restart, "movies include_tasks=false only_failed=true");

  auto task_restart = Post("/connectors/movies/tasks/1/restart");
  EXPECT_EQ(task_restart->status, 204);
  EXPECT_EQ(worker_.last_restart, "movies-1");
  EXPECT_EQ(Body(Post("/connectors/movies/tasks/5/restart")),
            Error(404, "Task movies-5 not found"));

  auto pause = Put("/connectors/movies/pause");
  EXPECT_EQ(pause->status, 202);
  EXPECT_TRUE(pause->body.empty());
  EXPECT_EQ(Body(Get("/connectors/movies/status"))["connector"]["state"], "PAUSED");
  EXPECT_EQ(Put("/connectors/movies/resume")->status, 202);
  EXPECT_EQ(Body(Get("/connectors/movies/status"))["connector"]["state"], "RUNNING");
  EXPECT_EQ(Put("/connectors/movies/stop")->status, 204);
  EXPECT_EQ(Body(Get("/connectors/movies/status"))["connector"]["state"], "STOPPED");

  auto del = Delete("/connectors/movies");
  EXPECT_EQ(del->status, 204);
  EXPECT_TRUE(del->body.empty());
  EXPECT_EQ(Body(Get("/connectors")), json::array());
}

TEST_F(ConnectRestServerTest, ListWithExpansions) {
  CreateMovies();
  auto both = Body(Get("/connectors?expand=status&expand=info"));
  ASSERT_TRUE(both.contains("movies"));
  EXPECT_EQ(both["movies"]["status"]["connector"]["state"], "RUNNING");
  EXPECT_EQ(both["movies"]["info"]["config"]["database.password"], "[hidden]");
  EXPECT_EQ(Body(Get("/connectors?expand=status,info")), both);

  auto status_only = Body(Get("/connectors?expand=status"));
  EXPECT_TRUE(status_only["movies"].contains("status"));
  EXPECT_FALSE(status_only["movies"].contains("info"));
  EXPECT_EQ(Body(Get("/connectors?expand=bogus")), json::parse(R"({"movies":{}})"));
}

TEST_F(ConnectRestServerTest, Offsets) {
  CreateMovies();
  EXPECT_EQ(Body(Get("/connectors/movies/offsets")),
            json::parse(R"({"offsets":[{"partition":{"server":"db1"},
                                        "offset":{"file":"binlog.000003","pos":4242}}]})"));
}

TEST_F(ConnectRestServerTest, PluginsListConnectorsFirstThenEverything) {
  auto connectors = Body(Get("/connector-plugins"));
  std::string version(TributaryVersion());
  EXPECT_EQ(connectors, json::parse(fmt::format(R"([
      {{"class":"io.confluent.connect.s3.S3SinkConnector","type":"sink","version":"{0}"}},
      {{"class":"io.debezium.connector.mysql.MySqlConnector","type":"source","version":"{0}"}}])",
                                                version)));
  auto all = Body(Get("/connector-plugins?connectorsOnly=false"));
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[2]["type"], "transformation");
  EXPECT_EQ(all[3]["type"], "predicate");
  EXPECT_EQ(all[4]["class"], "org.apache.kafka.connect.json.JsonConverter");
  EXPECT_EQ(all[4]["type"], "converter");
}

TEST_F(ConnectRestServerTest, ValidateConfig) {
  auto res = Put("/connector-plugins/MySqlConnector/config/validate",
                 R"({"connector.class":"io.debezium.connector.mysql.MySqlConnector",
                     "database.password":"pa55-w0rd!","database.user":"debezium"})");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(worker_.validated_class, "io.debezium.connector.mysql.MySqlConnector");
  EXPECT_EQ(res->body.find(kPassword), std::string::npos);
  json infos = Body(res);
  EXPECT_EQ(infos["error_count"], 0);
  std::map<std::string, json> values;
  for (const auto& c : infos["configs"]) values[c["value"]["name"]] = c["value"]["value"];
  EXPECT_EQ(values["database.password"], "[hidden]");
  EXPECT_EQ(values["database.user"], "debezium");

  Put("/connector-plugins/io.confluent.connect.s3.S3SinkConnector/config/validate", "{}");
  EXPECT_EQ(worker_.validated_class, "io.confluent.connect.s3.S3SinkConnector");

  EXPECT_EQ(Body(Put("/connector-plugins/S3SinkConnector/config/validate",
                     R"({"connector.class":"io.debezium.connector.mysql.MySqlConnector"})")),
            Error(400, "Included connector type io.debezium.connector.mysql.MySqlConnector does "
                       "not match request type S3SinkConnector"));
}

TEST_F(ConnectRestServerTest, PluginConfigListsTheDeclaredKeys) {
  EXPECT_EQ(Body(Get("/connector-plugins/S3SinkConnector/config")),
            json::parse(R"([{"name":"flush.size","type":"INT","required":true}])"));
  EXPECT_EQ(Body(Get("/connector-plugins/Nope/config")), Error(404, "Unknown plugin Nope."));
}

TEST_F(ConnectRestServerTest, UnknownPathsAre404AndWrongMethods405) {
  EXPECT_EQ(Body(Get("/nope")), Error(404, "HTTP 404 Not Found"));
  EXPECT_EQ(Body(Get("/connectors/a/b/c")), Error(404, "HTTP 404 Not Found"));
  EXPECT_EQ(Body(Delete("/connectors")), Error(405, "HTTP 405 Method Not Allowed"));
  EXPECT_EQ(Body(Get("/connectors/movies/restart")), Error(405, "HTTP 405 Method Not Allowed"));
  EXPECT_EQ(Body(Post("/connectors/movies/pause")), Error(405, "HTTP 405 Method Not Allowed"));
  EXPECT_EQ(client_->Patch("/connectors/movies/config", "{}", "application/json")->status, 405);
  EXPECT_EQ(Get("/connectors/")->status, 200);  // a trailing slash names the same resource
}

TEST_F(ConnectRestServerTest, OptionsListsTheMethodsOfAPath) {
  auto res = client_->Options("/connectors/x/config");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Allow"), "HEAD,GET,PUT,OPTIONS");
  EXPECT_EQ(res->body, "HEAD, GET, PUT, OPTIONS");
  EXPECT_EQ(Body(client_->Options("/nope")), Error(404, "HTTP 404 Not Found"));
}

TEST_F(ConnectRestServerTest, Health) {
  EXPECT_EQ(Body(Get("/health")),
            json::parse(R"({"status":"healthy",
                "message":"Worker has completed startup and is ready to handle requests."})"));
}

// The exact bytes on the wire, which httplib's client would decode (Location) or hide.
std::string RawExchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return "connect failed";
  if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size()))
    return "write failed";
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
  ::close(fd);
  return response;
}

TEST_F(ConnectRestServerTest, WireFormatOfCreatedAndNoContentAnswers) {
  const std::string body = R"({"name":"s3 sink","config":{"connector.class":"S3SinkConnector"}})";
  std::string created = RawExchange(
      server_->port(), fmt::format("POST /connectors HTTP/1.1\r\nHost: connect.example:8083\r\n"
                                   "Content-Type: application/json\r\nContent-Length: {}\r\n"
                                   "Connection: close\r\n\r\n{}",
                                   body.size(), body));
  EXPECT_EQ(created.rfind("HTTP/1.1 201 Created\r\n", 0), 0u) << created;
  EXPECT_NE(created.find("\r\nLocation: http://connect.example:8083/connectors/s3%20sink\r\n"),
            std::string::npos)
      << created;
  EXPECT_NE(created.find("\r\nContent-Type: application/json\r\n"), std::string::npos);

  std::string deleted = RawExchange(server_->port(),
                                    "DELETE /connectors/s3%20sink HTTP/1.1\r\nHost: x\r\n"
                                    "Connection: close\r\n\r\n");
  EXPECT_EQ(deleted.rfind("HTTP/1.1 204 No Content\r\n", 0), 0u) << deleted;
  EXPECT_EQ(deleted.substr(deleted.find("\r\n\r\n") + 4), "");
}

TEST_F(ConnectRestServerTest, PrometheusMetrics) {
  auto res = Get("/metrics");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), kPrometheusContentType);
  const std::string labels = R"({connector="movies",task="0",type="source"})";
  for (const std::string& line : std::vector<std::string>{
           "# TYPE tributary_task_records_polled_total counter",
        "tributary_task_records_polled_total" + labels + " 1200",
        "tributary_task_records_written_total" + labels + " 1190",
        "tributary_task_records_filtered_total" + labels + " 7",
        "tributary_task_records_failed_total" + labels + " 3",
        "tributary_task_records_dlq_total" + labels + " 2",
        "# TYPE tributary_task_batch_size_records summary",
        "tributary_task_batch_size_records_count" + labels + " 4",
        "tributary_task_batch_size_records_sum" + labels + " 1200",
        "tributary_task_commit_latency_ms_count" + labels + " 2",
        "tributary_task_commit_latency_ms_sum" + labels + " 12.5",
        "tributary_task_commit_latency_max_ms" + labels + " 10",
        "tributary_task_source_lag_ms" + labels + " 350"})
    EXPECT_NE(res->body.find(line + "\n"), std::string::npos) << line << "\n" << res->body;
  EXPECT_EQ(res->body.find("tributary_task_sink_lag_ms{"), std::string::npos);
}

TEST(ConnectRestServerNoMetricsTest, MetricsAre404WithoutASource) {
  FakeWorker worker;
  ConnectRestServer server(&worker);
  ASSERT_TRUE(server.Start("127.0.0.1", 0).ok());
  httplib::Client client("127.0.0.1", server.port());
  EXPECT_EQ(client.Get("/metrics")->status, 404);
}

TEST(ConnectRestServerStartTest, BusyPortIsAnIOErrorNamingTheAddress) {
  FakeWorker worker;
  ConnectRestServer first(&worker);
  ASSERT_TRUE(first.Start("127.0.0.1", 0).ok());
  ConnectRestServer second(&worker);
  Status status = second.Start("127.0.0.1", first.port());
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find(fmt::format("127.0.0.1:{}", first.port())), std::string::npos);
  EXPECT_EQ(first.Start("127.0.0.1", 0).code(), StatusCode::kInvalidArgument);
  first.Stop();
  first.Stop();  // idempotent
}

TEST(PrometheusRenderTest, EscapesLabelValuesAndOmitsUnknownLags) {
  TaskMetrics sink;
  sink.connector = "s3 \"sink\"\\\n";
  sink.task = 3;
  sink.type = "sink";
  sink.sink_lag_ms = 5;
  sink.sink_lag_records = 0;
  std::string text = RenderPrometheus({sink});
  const std::string labels = R"({connector="s3 \"sink\"\\\n",task="3",type="sink"})";
  EXPECT_NE(text.find("tributary_task_sink_lag_ms" + labels + " 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("tributary_task_sink_lag_records" + labels + " 0\n"), std::string::npos);
  EXPECT_EQ(text.find("tributary_task_source_lag_ms{"), std::string::npos);
  EXPECT_NE(text.find("# HELP tributary_task_source_lag_ms "), std::string::npos);
}

}  // namespace
}  // namespace tributary::connectrest
