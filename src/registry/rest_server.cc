#include "registry/rest_server.h"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <nlohmann/json.hpp>

#include "common/logging.h"
#include "http/listener_address.h"
#include "registry/kafka_schema_store.h"
#include "registry/registry_error.h"

namespace tributary::registry {
namespace {

using Json = nlohmann::ordered_json;
constexpr const char* kContentType = "application/vnd.schemaregistry.v1+json";

void SendJson(httplib::Response& res, int http_status, const Json& body) {
  res.status = http_status;
  res.set_content(body.dump(), kContentType);
}

void SendError(httplib::Response& res, const Status& status) {
  int code = RegistryErrorCode(status);
  SendJson(res, HttpStatusForErrorCode(code),
           Json{{"error_code", code}, {"message", RegistryErrorMessage(status)}});
}

// Runs a handler that produces JSON (or an error), turning exceptions into 500s.
template <typename F>
void Reply(httplib::Response& res, F&& handler) {
  try {
    Result<Json> body = handler();
    if (body.ok())
      SendJson(res, 200, *body);
    else
      SendError(res, body.status());
  } catch (const std::exception& e) {
    SendError(res, RegistryError(error_code::kStoreError, std::string("Internal error: ") + e.what()));
  }
}

// "true" in any case, as Java's Boolean.parseBoolean reads it (clients send "True" too).
bool BoolParam(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  std::string value = req.get_param_value(name);
  return value.size() == 4 && std::equal(value.begin(), value.end(), "true", [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

Result<Json> ParseBody(const httplib::Request& req) {
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object())
    return RegistryError(42200, "Request body is not a JSON object: " + req.body.substr(0, 200));
  return body;
}

Result<SchemaRequest> ParseSchemaRequest(const httplib::Request& req) {
  TRIB_ASSIGN_OR_RETURN(Json body, ParseBody(req));
  SchemaRequest request;
  if (!body.contains("schema") || !body["schema"].is_string())
    return RegistryError(error_code::kInvalidSchema,
                         "Invalid schema: the request needs a \"schema\" string");
  request.schema = body["schema"].get<std::string>();
  if (body.contains("schemaType") && body["schemaType"].is_string())
    request.schema_type = body["schemaType"].get<std::string>();
  if (body.contains("references") && body["references"].is_array())
    for (const auto& r : body["references"])
      request.references.push_back({r.value("name", ""), r.value("subject", ""), r.value("version", 0)});
  if (body.contains("id") && body["id"].is_number_integer()) request.id = body["id"].get<int32_t>();
  if (body.contains("version") && body["version"].is_number_integer())
    request.version = body["version"].get<int32_t>();
  request.normalize = BoolParam(req, "normalize");
  return request;
}

Json ReferencesJson(const std::vector<SchemaReference>& refs) {
  Json out = Json::array();
  for (const auto& r : refs)
    out.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
  return out;
}

// The body of GET /subjects/{s}/versions/{v} and POST /subjects/{s}.
Json VersionJson(const RegisteredSchema& s) {
  Json out{{"subject", s.subject}, {"version", s.version}, {"id", s.id}};
  if (s.schema_type != "AVRO") out["schemaType"] = s.schema_type;
  if (!s.references.empty()) out["references"] = ReferencesJson(s.references);
  out["schema"] = s.schema;
  if (s.deleted) out["deleted"] = true;
  return out;
}

// "2026-11-27T16:33:20.079Z", as Glue's API reports times.
std::string IsoTime(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms % 1000);
}

Json GlueVersionJson(const RegisteredSchema& s) {
  std::string subject = s.subject;
  std::string context = ContextOf(subject);
  std::string registry = context == "." ? "" : context.substr(1);
  std::string schema_name = context == "." ? subject : subject.substr(context.size() + 2);
  return Json{{"SchemaVersionId", s.uuid},
              {"RegistryName", registry},
              {"SchemaName", schema_name},
              {"VersionNumber", s.version},
              {"Status", s.deleted ? "DELETING" : "AVAILABLE"},
              {"DataFormat", "AVRO"},
              {"CreatedTime", IsoTime(s.created_ms)},
              {"SchemaDefinition", s.schema}};
}

Result<int32_t> ParseInt(const std::string& text, const char* what) {
  int32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    return RegistryError(42200, fmt::format("{} '{}' is not a number", what, text));
  return v;
}

// Marks a request one instance forwarded to another, so that two instances that both believe
// the other leads never bounce a write between them.
constexpr const char* kForwardedHeader = "X-Tributary-Forwarded";

// How long a write waits for a leader: an election at start-up, or a takeover after the
// leader died (its session expires in 10 s), should hold a client's write, not fail it.
constexpr auto kLeaderWait = std::chrono::seconds(15);

// For a write on a follower: forwards it to the leader and relays the answer (true), or
// refuses it when no leader could be reached in time (true); false when this instance should
// serve it.
bool ForwardedToLeader(WriteLeader* leader, const httplib::Request& req, httplib::Response& res) {
  if (leader == nullptr) return false;
  auto deadline = std::chrono::steady_clock::now() + kLeaderWait;
  Status last;
  do {
    auto url = leader->LeaderUrl();
    if (url.ok() && !url->has_value()) return false;
    if (url.ok() && req.has_header(kForwardedHeader)) {
      // The sender takes us for the leader; we do not agree (yet): let it retry.
      last = RegistryError(error_code::kUnknownLeader,
                           "Unknown leader: this instance was named leader but is not (yet)");
      break;
    }
    if (!url.ok()) {
      last = RegistryError(error_code::kUnknownLeader, "Unknown leader: " + url.status().message());
    } else {
      httplib::Client client(**url);
      client.set_connection_timeout(5);
      client.set_read_timeout(30);
      httplib::Request forwarded;
      forwarded.method = req.method;
      forwarded.path = req.target;
      forwarded.body = req.body;
      auto content_type = [](const auto& message) {
        return message.has_header("Content-Type") ? message.get_header_value("Content-Type")
                                                  : std::string(kContentType);
      };
      forwarded.headers = {{kForwardedHeader, "true"}, {"Content-Type", content_type(req)}};
      auto answer = client.send(forwarded);
      if (answer && !(answer->status == 500 && answer->body.find(std::to_string(
                                                   error_code::kUnknownLeader)) != std::string::npos)) {
        res.status = answer->status;
        res.set_content(answer->body, content_type(*answer));
        return true;
      }
      last = RegistryError(error_code::kRequestForwardingFailed,
                           fmt::format("Error while forwarding the request to the leader {}: {}",
                                       **url,
                                       answer ? answer->body : httplib::to_string(answer.error())));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  } while (std::chrono::steady_clock::now() < deadline);
  SendError(res, last);
  return true;
}

}  // namespace

RestServer::RestServer(Registry* registry, WriteLeader* leader)
    : registry_(registry),
      leader_(leader),
      server_(std::make_unique<httplib::Server>()),
      serving_(server_.get(), "schema registry", "listeners") {
  Routes();
}

RestServer::~RestServer() { Stop(); }

Status RestServer::Start(const std::string& host, int port) {
  return serving_.Start(host, port);
}

void RestServer::Stop() { serving_.Stop(); }

void RestServer::Routes() {
  httplib::Server& s = *server_;
  Registry& r = *registry_;
  // A write handler that followers forward to the leader.
  auto write = [leader = leader_](httplib::Server::Handler handler) {
    return [leader, handler](const httplib::Request& req, httplib::Response& res) {
      if (!ForwardedToLeader(leader, req, res)) handler(req, res);
    };
  };
  const std::string subj = "([^/]+)";

  s.set_keep_alive_max_count(1000);
  // Small request/response pairs: without it Nagle and delayed ACKs add ~40 ms per request.
  s.set_tcp_nodelay(true);
  // Idle keep-alive connections hold a worker thread, and Stop() waits for them.
  s.set_keep_alive_timeout(1);
  s.Get("/", [](const httplib::Request&, httplib::Response& res) { SendJson(res, 200, Json::object()); });
  s.Get("/schemas/types", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, Json::array({"AVRO"}));
  });

  // --- schemas by id ---
  s.Get(R"(/schemas/ids/(-?\d+))", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(int32_t id, ParseInt(req.matches[1], "schema id"));
      TRIB_ASSIGN_OR_RETURN(auto schema, r.GetSchemaById(id));
      Json out;
      if (schema.schema_type != "AVRO") out["schemaType"] = schema.schema_type;
      out["schema"] = schema.schema;
      if (!schema.references.empty()) out["references"] = ReferencesJson(schema.references);
      return out;
    });
  });
  s.Get(R"(/schemas/ids/(-?\d+)/schema)", [&r](const httplib::Request& req, httplib::Response& res) {
    auto id = ParseInt(req.matches[1], "schema id");
    auto schema = id.ok() ? r.GetSchemaById(*id) : Result<RegisteredSchema>(id.status());
    if (!schema.ok()) return SendError(res, schema.status());
    res.set_content(schema->schema, kContentType);
  });
  s.Get(R"(/schemas/ids/(-?\d+)/subjects)", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(int32_t id, ParseInt(req.matches[1], "schema id"));
      TRIB_ASSIGN_OR_RETURN(auto versions, r.SubjectVersionsOf(id, BoolParam(req, "deleted")));
      Json out = Json::array();
      for (const auto& [subject, version] : versions)
        if (out.empty() || out.back() != subject) out.push_back(subject);
      return out;
    });
  });
  s.Get(R"(/schemas/ids/(-?\d+)/versions)", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(int32_t id, ParseInt(req.matches[1], "schema id"));
      TRIB_ASSIGN_OR_RETURN(auto versions, r.SubjectVersionsOf(id, BoolParam(req, "deleted")));
      Json out = Json::array();
      for (const auto& [subject, version] : versions)
        out.push_back({{"subject", subject}, {"version", version}});
      return out;
    });
  });

  // --- subjects ---
  s.Get("/subjects", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      std::string prefix = req.has_param("subjectPrefix") ? req.get_param_value("subjectPrefix") : "";
      if (prefix == ":*:") prefix.clear();
      TRIB_ASSIGN_OR_RETURN(auto subjects, r.ListSubjects(prefix, BoolParam(req, "deleted")));
      return Json(subjects);
    });
  });
  s.Get("/subjects/" + subj + "/versions", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto versions, r.ListVersions(req.matches[1], BoolParam(req, "deleted")));
      return Json(versions);
    });
  });
  s.Post("/subjects/" + subj + "/versions", [&r, leader = leader_](const httplib::Request& req,
                                                                   httplib::Response& res) {
    auto request = ParseSchemaRequest(req);
    if (leader != nullptr && request.ok() && !request->id && !request->version) {
      // What every producer does at start-up: a schema the subject has needs no leader.
      auto known = r.Lookup(req.matches[1], *request, false);
      if (known.ok()) return SendJson(res, 200, VersionJson(*known));
    }
    if (ForwardedToLeader(leader, req, res)) return;
    Reply(res, [&]() -> Result<Json> {
      TRIB_RETURN_IF_ERROR(request.status());
      TRIB_ASSIGN_OR_RETURN(auto registered, r.Register(req.matches[1], *request));
      return VersionJson(registered);
    });
  });
  s.Get("/subjects/" + subj + "/versions/" + subj, [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto v, r.GetVersion(req.matches[1], std::string(req.matches[2]),
                                                 BoolParam(req, "deleted")));
      return VersionJson(v);
    });
  });
  s.Get("/subjects/" + subj + "/versions/" + subj + "/schema",
        [&r](const httplib::Request& req, httplib::Response& res) {
          auto v = r.GetVersion(req.matches[1], std::string(req.matches[2]), BoolParam(req, "deleted"));
          if (!v.ok()) return SendError(res, v.status());
          res.set_content(v->schema, kContentType);
        });
  s.Get("/subjects/" + subj + "/versions/" + subj + "/referencedby",
        [&r](const httplib::Request& req, httplib::Response& res) {
          Reply(res, [&]() -> Result<Json> {
            TRIB_ASSIGN_OR_RETURN(auto ids, r.ReferencedBy(req.matches[1], std::string(req.matches[2])));
            return Json(ids);
          });
        });
  s.Post("/subjects/" + subj, [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto request, ParseSchemaRequest(req));
      TRIB_ASSIGN_OR_RETURN(auto found, r.Lookup(req.matches[1], request, BoolParam(req, "deleted")));
      return VersionJson(found);
    });
  });
  s.Delete("/subjects/" + subj, write([&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto versions, r.DeleteSubject(req.matches[1], BoolParam(req, "permanent")));
      return Json(versions);
    });
  }));
  s.Delete("/subjects/" + subj + "/versions/" + subj, write([&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(int32_t version, r.DeleteVersion(req.matches[1], std::string(req.matches[2]),
                                                             BoolParam(req, "permanent")));
      return Json(version);
    });
  }));

  // --- compatibility ---
  auto compatibility = [&r](const httplib::Request& req, httplib::Response& res, std::string version) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto request, ParseSchemaRequest(req));
      TRIB_ASSIGN_OR_RETURN(auto check, r.TestCompatibility(req.matches[1], version, request));
      Json out{{"is_compatible", check.result.compatible}};
      if (BoolParam(req, "verbose")) out["messages"] = check.result.Messages(check.level);
      return out;
    });
  };
  s.Post("/compatibility/subjects/" + subj + "/versions",
         [compatibility](const httplib::Request& req, httplib::Response& res) { compatibility(req, res, ""); });
  s.Post("/compatibility/subjects/" + subj + "/versions/" + subj,
         [compatibility](const httplib::Request& req, httplib::Response& res) {
           compatibility(req, res, req.matches[2]);
         });

  // --- config and mode ("" = global) ---
  auto get_config = [&r](const httplib::Request& req, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto level, r.GetCompatibility(subject, subject.empty() || BoolParam(req, "defaultToGlobal")));
      return Json{{"compatibilityLevel", CompatibilityLevelName(level)}};
    });
  };
  auto put_config = [&r](const httplib::Request& req, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(Json body, ParseBody(req));
      std::string name = body.value("compatibility", body.value("compatibilityLevel", ""));
      auto level = ParseCompatibilityLevel(name);
      if (!level.ok()) return RegistryError(error_code::kInvalidCompatibilityLevel, level.status().message());
      TRIB_RETURN_IF_ERROR(r.SetCompatibility(subject, *level));
      return Json{{"compatibility", CompatibilityLevelName(*level)}};
    });
  };
  auto delete_config = [&r](const httplib::Request&, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto level, r.DeleteCompatibility(subject));
      return Json{{"compatibilityLevel", CompatibilityLevelName(level)}};
    });
  };
  s.Get("/config", [get_config](const httplib::Request& req, httplib::Response& res) { get_config(req, res, ""); });
  s.Put("/config", write([put_config](const httplib::Request& req, httplib::Response& res) { put_config(req, res, ""); }));
  s.Delete("/config", write([delete_config](const httplib::Request& req, httplib::Response& res) { delete_config(req, res, ""); }));
  s.Get("/config/" + subj, [get_config](const httplib::Request& req, httplib::Response& res) { get_config(req, res, req.matches[1]); });
  s.Put("/config/" + subj, write([put_config](const httplib::Request& req, httplib::Response& res) { put_config(req, res, req.matches[1]); }));
  s.Delete("/config/" + subj, write([delete_config](const httplib::Request& req, httplib::Response& res) { delete_config(req, res, req.matches[1]); }));

  auto get_mode = [&r](const httplib::Request& req, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto mode, r.GetMode(subject, subject.empty() || BoolParam(req, "defaultToGlobal")));
      return Json{{"mode", ModeName(mode)}};
    });
  };
  auto put_mode = [&r](const httplib::Request& req, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(Json body, ParseBody(req));
      TRIB_ASSIGN_OR_RETURN(Mode mode, ParseMode(body.value("mode", "")));
      TRIB_RETURN_IF_ERROR(r.SetMode(subject, mode));
      return Json{{"mode", ModeName(mode)}};
    });
  };
  auto delete_mode = [&r](const httplib::Request&, httplib::Response& res, const std::string& subject) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto mode, r.DeleteMode(subject));
      return Json{{"mode", ModeName(mode)}};
    });
  };
  s.Get("/mode", [get_mode](const httplib::Request& req, httplib::Response& res) { get_mode(req, res, ""); });
  s.Put("/mode", write([put_mode](const httplib::Request& req, httplib::Response& res) { put_mode(req, res, ""); }));
  s.Get("/mode/" + subj, [get_mode](const httplib::Request& req, httplib::Response& res) { get_mode(req, res, req.matches[1]); });
  s.Put("/mode/" + subj, write([put_mode](const httplib::Request& req, httplib::Response& res) { put_mode(req, res, req.matches[1]); }));
  s.Delete("/mode/" + subj, write([delete_mode](const httplib::Request& req, httplib::Response& res) { delete_mode(req, res, req.matches[1]); }));

  s.Get("/contexts", [&r](const httplib::Request&, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto contexts, r.ListContexts());
      return Json(contexts);
    });
  });

  // --- Glue browsing ---
  s.Get("/glue/registries", [&r](const httplib::Request&, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto registries, r.GlueListRegistries());
      Json list = Json::array();
      for (const auto& name : registries) list.push_back({{"RegistryName", name}, {"Status", "AVAILABLE"}});
      return Json{{"Registries", list}};
    });
  });
  s.Get("/glue/registries/" + subj + "/schemas", [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto schemas, r.GlueListSchemas(req.matches[1]));
      Json list = Json::array();
      for (const auto& info : schemas)
        list.push_back({{"RegistryName", info.registry_name},
                        {"SchemaName", info.schema_name},
                        {"DataFormat", "AVRO"},
                        {"Compatibility", GlueCompatibilityName(info.compatibility)},
                        {"LatestSchemaVersion", info.latest_version},
                        {"SchemaStatus", "AVAILABLE"}});
      return Json{{"Schemas", list}};
    });
  });
  s.Get("/glue/registries/" + subj + "/schemas/" + subj + "/versions",
        [&r](const httplib::Request& req, httplib::Response& res) {
          Reply(res, [&]() -> Result<Json> {
            std::string registry = req.matches[1], schema = req.matches[2];
            TRIB_ASSIGN_OR_RETURN(auto versions, r.GlueListSchemaVersions(registry, schema));
            TRIB_ASSIGN_OR_RETURN(auto level, r.GetCompatibility(Registry::GlueSubject(registry, schema), true));
            Json list = Json::array();
            for (const auto& v : versions) list.push_back(GlueVersionJson(v));
            return Json{{"RegistryName", registry},
                        {"SchemaName", schema},
                        {"Compatibility", GlueCompatibilityName(level)},
                        {"Schemas", list}};
          });
        });
  s.Get("/glue/registries/" + subj + "/schemas/" + subj + "/versions/" + subj,
        [&r](const httplib::Request& req, httplib::Response& res) {
          Reply(res, [&]() -> Result<Json> {
            TRIB_ASSIGN_OR_RETURN(auto v, r.GetVersion(Registry::GlueSubject(req.matches[1], req.matches[2]),
                                                       std::string(req.matches[3])));
            return GlueVersionJson(v);
          });
        });
  s.Get("/glue/registries/" + subj + "/schemas/" + subj + "/diff",
        [&r](const httplib::Request& req, httplib::Response& res) {
          Reply(res, [&]() -> Result<Json> {
            TRIB_ASSIGN_OR_RETURN(int32_t from, ParseInt(req.get_param_value("from"), "from"));
            TRIB_ASSIGN_OR_RETURN(int32_t to, ParseInt(req.get_param_value("to"), "to"));
            TRIB_ASSIGN_OR_RETURN(auto diff, r.GlueDiff(req.matches[1], req.matches[2], from, to));
            return Json{{"FromVersion", from}, {"ToVersion", to}, {"Diff", diff}};
          });
        });
  s.Get("/glue/schema-versions/" + subj, [&r](const httplib::Request& req, httplib::Response& res) {
    Reply(res, [&]() -> Result<Json> {
      TRIB_ASSIGN_OR_RETURN(auto v, r.GlueGetSchemaVersion(req.matches[1]));
      return GlueVersionJson(v);
    });
  });

  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    SendJson(res, res.status,
             Json{{"error_code", res.status},
                  {"message", fmt::format("HTTP {} for {} {}", res.status, req.method, req.path)}});
  });
}

namespace {

// kafkastore.* keys that configure the store itself, not its Kafka clients.
constexpr std::array<const char*, 6> kStoreKeys = {
    "kafkastore.bootstrap.servers", "kafkastore.topic", "kafkastore.topic.replication.factor",
    "kafkastore.timeout.ms", "kafkastore.init.timeout.ms", "kafkastore.connection.url"};

// Confluent's kafkastore.security.protocol, kafkastore.sasl.*, kafkastore.ssl.* ... become the
// store clients' own properties.
std::map<std::string, std::string> KafkaClientProps(const std::map<std::string, std::string>& props) {
  std::map<std::string, std::string> client;
  for (const auto& [key, value] : props) {
    if (key.rfind("kafkastore.", 0) != 0 ||
        std::find(kStoreKeys.begin(), kStoreKeys.end(), key) != kStoreKeys.end())
      continue;
    client[key.substr(std::string("kafkastore.").size())] = value;
  }
  client["bootstrap.servers"] = props.at("kafkastore.bootstrap.servers");
  return client;
}

Result<int> IntProp(const std::map<std::string, std::string>& props, const std::string& key,
                    int fallback) {
  auto it = props.find(key);
  if (it == props.end()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || value <= 0)
    return Status::InvalidArgument("{}: '{}' is not a positive number", key, it->second);
  return value;
}

}  // namespace

Status RunRegistryServer(const std::map<std::string, std::string>& props,
                         const std::function<void(int port)>& on_listening) {
  auto get = [&props](const std::string& key, const std::string& fallback) {
    auto it = props.find(key);
    return it == props.end() ? fallback : it->second;
  };
  if (!get("kafkastore.connection.url", "").empty())
    return Status::NotSupported(
        "kafkastore.connection.url: ZooKeeper-based stores are not supported; set "
        "kafkastore.bootstrap.servers instead");
  bool kafka_store = !get("kafkastore.bootstrap.servers", "").empty();
  TRIB_ASSIGN_OR_RETURN(
      http::ListenerAddress listener,
      http::ParseListeners("listeners", get("listeners", "http://0.0.0.0:8081"), 8081));
  std::string data_dir = get("data.dir", "./tributary-registry-data");

  KafkaStoreOptions options;
  if (kafka_store) {
    options.client = KafkaClientProps(props);
    options.topic = get("kafkastore.topic", "_schemas");
    options.group_id = get("schema.registry.group.id", "schema-registry");
    TRIB_ASSIGN_OR_RETURN(options.replication_factor,
                          IntProp(props, "kafkastore.topic.replication.factor", 3));
    TRIB_ASSIGN_OR_RETURN(int timeout_ms, IntProp(props, "kafkastore.init.timeout.ms", 60000));
    options.timeout = std::chrono::milliseconds(timeout_ms);
    options.dedup_key = &StoredSchemaDedupKey;
  }

  // Block the stop signals before any thread starts, so that only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<Registry> registry;
  KafkaSchemaStore* kafka = nullptr;
  std::string where;
  if (kafka_store) {
    where = "Kafka topic " + options.topic;
    TRIB_ASSIGN_OR_RETURN(auto store, KafkaSchemaStore::Open(std::move(options)));
    kafka = store.get();
    registry = std::make_unique<Registry>(std::move(store));
  } else {
    TRIB_ASSIGN_OR_RETURN(registry, Registry::OpenEmbedded(data_dir));
    where = "data.dir " + data_dir;
  }
  RestServer server(registry.get(), kafka);
  TRIB_RETURN_IF_ERROR(server.Start(listener.host, listener.port));
  if (kafka != nullptr && get("leader.eligibility", "true") != "false") {
    std::string host = listener.host == "0.0.0.0" || listener.host == "::" ? "127.0.0.1"
                                                                              : listener.host;
    Status joined = kafka->JoinLeaderElection(
        fmt::format("http://{}:{}", get("host.name", host), server.port()));
    if (!joined.ok()) {
      server.Stop();
      return joined;
    }
  }
  if (kafka != nullptr) {
    // As Confluent's registry, report ready once the group has a leader (or say why not).
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    Result<std::optional<std::string>> leader = kafka->LeaderUrl();
    while (!leader.ok() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      leader = kafka->LeaderUrl();
    }
    if (!leader.ok())
      spdlog::warn("registry: serving, but writes wait: {}", leader.status().message());
  }
  spdlog::info("schema registry listening on http://{}:{} ({})", listener.host, server.port(),
               where);
  if (on_listening) on_listening(server.port());
  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("schema registry stopping on signal {}", signal);
  server.Stop();
  return Status::OK();
}

}  // namespace tributary::registry
