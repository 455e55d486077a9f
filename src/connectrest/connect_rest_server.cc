#include "connectrest/connect_rest_server.h"

#include <fmt/ranges.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <vector>

#include "connect/config.h"
#include "connectrest/prometheus_metrics.h"

#ifndef TRIBUTARY_VERSION
#error "TRIBUTARY_VERSION must be defined by the build"
#endif
#ifndef TRIBUTARY_COMMIT
#define TRIBUTARY_COMMIT "unknown"
#endif

namespace tributary::connectrest {


namespace {

using Json = nlohmann::ordered_json;
using ConfigMap = std::map<std::string, std::string>;
constexpr const char* kJsonContentType = "application/json";
constexpr const char* kHidden = "[hidden]";

// A successful answer: status, body (empty for 202/204 without content) and Location.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = kJsonContentType;
  std::string location;

  static Reply Ok(const Json& body) { return {200, body.dump(), kJsonContentType, ""}; }
  static Reply Accepted() { return {202, "", kJsonContentType, ""}; }
  static Reply Accepted(const Json& body) { return {202, body.dump(), kJsonContentType, ""}; }
  static Reply NoContent() { return {204, "", kJsonContentType, ""}; }
};

// Jersey's answers for unmatched resources, which Kafka Connect passes through its mapper.
const Status kNoSuchPath(StatusCode::kNotFound, "HTTP 404 Not Found");

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kUnavailable: return 409;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotSupported:
    case StatusCode::kIncompatible: return 400;
    default: return 500;
  }
}

void SendJson(httplib::Response& res, int http_status, const Json& body) {
  res.status = http_status;
  res.set_content(body.dump(), kJsonContentType);
}

void SendError(httplib::Response& res, int http_status, const std::string& message) {
  SendJson(res, http_status, Json{{"error_code", http_status}, {"message", message}});
}

std::string ToLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

// Values of secret keys in a request body (a config object, or {"config": {...}}), so that no
// error message echoes them.
std::vector<std::string> SecretValuesIn(const std::string& body) {
  std::vector<std::string> secrets;
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto collect = [&secrets](const Json& object) {
    if (!object.is_object()) return;
    for (const auto& [key, value] : object.items())
      if (connect::Config::IsSecretKey(key) && value.is_string() &&
          !value.get<std::string>().empty())
        secrets.push_back(value.get<std::string>());
  };
  collect(parsed);
  if (parsed.is_object() && parsed.contains("config")) collect(parsed["config"]);
  return secrets;
}

std::string HideSecrets(std::string message, const std::string& request_body) {
  for (const std::string& secret : SecretValuesIn(request_body))
    for (size_t at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + std::char_traits<char>::length(kHidden)))
      message.replace(at, secret.size(), kHidden);
  return message;
}

// The request body as a JSON object. Parse errors give the line and column but never quote the
// body, which may hold secrets.
Result<Json> ParseBodyObject(const httplib::Request& req) {
  if (Trim(req.body).empty())
    return Status::InvalidArgument("The request body is empty; send a JSON object");
  Json body;
  try {
    body = Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    if (size_t tag_end = what.find("] "); what.rfind("[json.exception", 0) == 0 &&
                                          tag_end != std::string::npos)
      what = what.substr(tag_end + 2);
    if (size_t last_read = what.find("; last read:"); last_read != std::string::npos)
      what.resize(last_read);
    return Status::InvalidArgument("Malformed JSON in the request body: {}", what);
  }
  if (!body.is_object())
    return Status::InvalidArgument("The request body must be a JSON object, not {}",
                                   body.type_name());
  return body;
}

// A JSON object of config values: strings, or numbers and booleans taken as their text (as
// Jackson reads a Map<String, String>).
Result<ConfigMap> ConfigFromJson(const Json& object, std::string_view where) {
  if (!object.is_object())
    return Status::InvalidArgument("{} must be a JSON object of strings, not {}", where,
                                   object.type_name());
  ConfigMap config;
  for (const auto& [key, value] : object.items()) {
    if (value.is_string())
      config[key] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      config[key] = value.dump();
    else
      return Status::InvalidArgument("{}: the value of '{}' must be a string, not {}", where, key,
                                     value.type_name());
  }
  return config;
}

// Kafka Connect validates the name with the rest of the config and answers in this form.
Status CheckConnectorName(const std::string& name) {
  std::string problem;
  if (name.empty())
    problem = "String may not be empty";
  else if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return std::iscntrl(c); }))
    problem = "String may not contain control sequences";
  if (problem.empty()) return Status::OK();
  return Status::InvalidArgument(
      "Connector configuration is invalid and contains the following 1 error(s):\nInvalid value "
      "{} for configuration name: {}\nYou can also find the above list of errors at the endpoint "
      "`/connector-plugins/{{connectorType}}/config/validate`",
      name.empty() ? "" : Json(name).dump(), problem);
}

// Kafka Connect's checkAndPutConnectorConfigName: a "name" in the config must agree with the
// connector's name; a missing one is filled in.
Status CheckAndPutConnectorName(const std::string& name, ConfigMap& config) {
  auto it = config.find("name");
  if (it == config.end()) {
    config["name"] = name;
    return Status::OK();
  }
  if (it->second != name)
    return Status::InvalidArgument(
        "Connector name configuration ({}) doesn't match connector name in the URL ({})",
        it->second, name);
  return Status::OK();
}

Json RedactedConfigJson(const ConfigMap& config) {
  Json out = Json::object();
  for (const auto& [key, value] : connect::Config(config).Redacted()) out[key] = value;
  return out;
}

Json ConnectorInfoJson(const ConnectorInfo& info) {
  Json tasks = Json::array();
  for (int id : info.task_ids) tasks.push_back({{"connector", info.name}, {"task", id}});
  return Json{{"name", info.name},
              {"config", RedactedConfigJson(info.config)},
              {"tasks", std::move(tasks)},
              {"type", info.type}};
}

// Kafka Connect 4.1 (KIP-891) reports the plugin version in each state; ours are built in.
Json TaskStateJson(const TaskState& task) {
  Json out{{"id", task.id},
           {"state", task.state},
           {"worker_id", task.worker_id},
           {"version", TributaryVersion()}};
  if (!task.trace.empty()) out["trace"] = task.trace;
  return out;
}

Json ConnectorStateJson(const ConnectorState& state) {
  Json connector{
      {"state", state.state}, {"worker_id", state.worker_id}, {"version", TributaryVersion()}};
  if (!state.trace.empty()) connector["trace"] = state.trace;
  Json tasks = Json::array();
  for (const TaskState& task : state.tasks) tasks.push_back(TaskStateJson(task));
  return Json{{"name", state.name},
              {"connector", std::move(connector)},
              {"tasks", std::move(tasks)},
              {"type", state.type}};
}

// Jersey reads @QueryParam Boolean with Boolean.valueOf: only "true", in any case, is true.
bool BoolParam(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  return ToLower(req.get_param_value(name)) == "true";
}

std::optional<int> ParseTaskId(const std::string& text) {
  int id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

std::string EncodePathSegment(const std::string& segment) {
  std::string out;
  for (unsigned char c : segment) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// Jersey answers Response.created(URI) with the URI resolved against the request's base.
std::string ConnectorLocation(const httplib::Request& req, const std::string& name) {
  std::string path = "/connectors/" + EncodePathSegment(name);
  std::string host = req.get_header_value("Host");
  return host.empty() ? path : "http://" + host + path;
}

Reply CreatedOrOk(bool created, const httplib::Request& req, const ConnectorInfo& info) {
  Reply reply = Reply::Ok(ConnectorInfoJson(info));
  if (created) {
    reply.status = 201;
    reply.location = ConnectorLocation(req, info.name);
  }
  return reply;
}

// Kafka Connect's ConnectorPluginsResource.normalizedPluginName: "FooConnector" -> "Foo".
std::string NormalizedPluginName(const std::string& name) {
  const std::string suffix = "Connector";
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(),
                                                  suffix) == 0)
    return name.substr(0, name.size() - suffix.size());
  return name;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Kafka Connect lists sinks, sources, transformations, predicates, then converters.
int PluginListingRank(connect::PluginType type) {
  switch (type) {
    case connect::PluginType::kSink: return 0;
    case connect::PluginType::kSource: return 1;
    case connect::PluginType::kTransformation: return 2;
    case connect::PluginType::kPredicate: return 3;
    case connect::PluginType::kConverter: return 4;
  }
  return 5;
}

// ConfigInfos from a worker: a secret key's value, echoed in configs[].value.value, is hidden.
Json RedactValidation(Json infos) {
  if (!infos.contains("configs") || !infos["configs"].is_array()) return infos;
  for (Json& entry : infos["configs"]) {
    if (!entry.is_object() || !entry.contains("value") || !entry["value"].is_object()) continue;
    Json& value = entry["value"];
    if (value.contains("name") && value["name"].is_string() &&
        connect::Config::IsSecretKey(value["name"].get<std::string>()) && value.contains("value") &&
        !value["value"].is_null())
      value["value"] = kHidden;
  }
  return infos;
}

std::vector<std::string> Expansions(const httplib::Request& req) {
  std::vector<std::string> out;
  for (size_t i = 0; i < req.get_param_value_count("expand"); ++i) {
    std::string value = req.get_param_value("expand", i);
    for (size_t start = 0; start <= value.size();) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string item = Trim(value.substr(start, comma - start));
      if (!item.empty()) out.push_back(item);
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

// Matches (method, path pattern) pairs and tells unknown paths (404) from known paths asked
// with the wrong method (405), as Jersey does.
class ConnectRestServer::Router {
 public:
  using Params = std::vector<std::string>;
  using Handler = std::function<Result<Reply>(const httplib::Request&, const Params&)>;

  void Add(std::string method, const std::string& pattern, Handler handler) {
    routes_.push_back({std::move(method), std::regex(pattern), std::move(handler)});
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) const {
    std::string path = req.path;
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    if (req.method == "OPTIONS") return AnswerOptions(path, res);
    const std::string method = req.method == "HEAD" ? "GET" : req.method;
    bool path_known = false;
    for (const Route& route : routes_) {
      std::smatch match;
      if (!std::regex_match(path, match, route.pattern)) continue;
      path_known = true;
      if (route.method != method) continue;
      Params params(match.begin() + 1, match.end());
      Result<Reply> reply = Status::Internal("no reply");
      try {
        reply = route.handler(req, params);
      } catch (const std::exception& e) {
        reply = Status::Internal("Internal error while serving {} {}: {}", req.method, path,
                                 e.what());
      }
      if (!reply.ok()) {
        SendError(res, HttpStatusFor(reply.status().code()),
                  HideSecrets(reply.status().message(), req.body));
        return;
      }
      res.status = reply->status;
      if (!reply->location.empty()) res.set_header("Location", reply->location);
      if (!reply->body.empty()) res.set_content(reply->body, reply->content_type.c_str());
      return;
    }
    if (path_known)
      SendError(res, 405, "HTTP 405 Method Not Allowed");
    else
      SendError(res, 404, kNoSuchPath.message());
  }

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };

  // Jersey's automatic OPTIONS: 200 listing the methods of the resource in an Allow header.
  void AnswerOptions(const std::string& path, httplib::Response& res) const {
    std::vector<std::string> methods;
    for (const Route& route : routes_)
      if (std::regex_match(path, route.pattern)) {
        if (route.method == "GET") methods.push_back("HEAD");
        methods.push_back(route.method);
      }
    if (methods.empty()) return SendError(res, 404, kNoSuchPath.message());
    methods.push_back("OPTIONS");
    res.status = 200;
    res.set_header("Allow", fmt::format("{}", fmt::join(methods, ",")));
    res.set_content(fmt::format("{}", fmt::join(methods, ", ")), "text/plain");
  }
  std::vector<Route> routes_;
};

ConnectRestServer::ConnectRestServer(WorkerControl* worker, MetricsSource* metrics)
    : worker_(worker),
      metrics_(metrics),
      router_(std::make_unique<Router>()),
      server_(std::make_unique<httplib::Server>()),
      serving_(server_.get(), "Connect REST server", "listeners") {
  using Params = Router::Params;
  using Req = httplib::Request;
  WorkerControl* w = worker_;
  Router& r = *router_;
  const std::string connector = "/connectors/([^/]+)";

  r.Add("GET", "/", [w](const Req&, const Params&) -> Result<Reply> {
    return Reply::Ok(Json{{"version", TributaryVersion()},
                          {"commit", TributaryCommit()},
                          {"kafka_cluster_id", w->ClusterId()}});
  });

  // Kafka Connect 4.1's readiness probe; this server starts once the worker is ready.
  r.Add("GET", "/health", [](const Req&, const Params&) -> Result<Reply> {
    return Reply::Ok(Json{{"status", "healthy"},
                          {"message", "Worker has completed startup and is ready to handle "
                                      "requests."}});
  });

  r.Add("GET", "/connectors", [w](const Req& req, const Params&) -> Result<Reply> {
    if (!req.has_param("expand")) {
      Json names = Json::array();
      for (const std::string& name : w->ListConnectors()) names.push_back(name);
      return Reply::Ok(names);
    }
    const std::vector<std::string> expansions = Expansions(req);
    Json out = Json::object();
    for (const std::string& name : w->ListConnectors()) {
      Json expanded = Json::object();
      Status missing;  // a connector deleted while we look it up is left out, as Kafka does
      for (const std::string& expansion : expansions) {
        if (expansion == "status") {
          Result<ConnectorState> state = w->GetState(name);
          if (!state.ok()) {
            missing = state.status();
            break;
          }
          expanded["status"] = ConnectorStateJson(*state);
        } else if (expansion == "info") {
          Result<ConnectorInfo> info = w->GetConnector(name);
          if (!info.ok()) {
            missing = info.status();
            break;
          }
          expanded["info"] = ConnectorInfoJson(*info);
        }
      }
      if (missing.IsNotFound()) continue;
      TRIB_RETURN_IF_ERROR(missing);
      out[name] = std::move(expanded);
    }
    return Reply::Ok(out);
  });

  r.Add("POST", "/connectors", [w](const Req& req, const Params&) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(Json body, ParseBodyObject(req));
    std::string name;
    if (body.contains("name") && !body["name"].is_null()) {
      if (!body["name"].is_string())
        return Status::InvalidArgument("\"name\" must be a string, not {}",
                                       body["name"].type_name());
      name = Trim(body["name"].get<std::string>());
    }
    TRIB_RETURN_IF_ERROR(CheckConnectorName(name));
    if (!body.contains("config"))
      return Status::InvalidArgument(
          "The request needs a \"config\" object: {{\"name\": \"{}\", \"config\": {{...}}}}", name);
    TRIB_ASSIGN_OR_RETURN(ConfigMap config, ConfigFromJson(body["config"], "\"config\""));
    if (body.contains("initial_state") && !body["initial_state"].is_null()) {
      const Json& initial = body["initial_state"];
      std::string state = initial.is_string() ? ToLower(initial.get<std::string>()) : "";
      if (state != "running" && state != "paused" && state != "stopped")
        return Status::InvalidArgument(
            "\"initial_state\" must be one of RUNNING, PAUSED, STOPPED, not {}", initial.dump());
      if (state != "running")
        return Status::NotSupported(
            "\"initial_state\": {} is not supported yet; create the connector RUNNING, or create "
            "it and then PUT /connectors/{}/{}",
            initial.dump(), name, state == "paused" ? "pause" : "stop");
    }
    TRIB_RETURN_IF_ERROR(CheckAndPutConnectorName(name, config));
    TRIB_ASSIGN_OR_RETURN(ConnectorInfo info, w->CreateConnector(name, std::move(config)));
    return CreatedOrOk(/*created=*/true, req, info);
  });

  r.Add("GET", connector, [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(ConnectorInfo info, w->GetConnector(p[0]));
    return Reply::Ok(ConnectorInfoJson(info));
  });

  r.Add("DELETE", connector, [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_RETURN_IF_ERROR(w->DeleteConnector(p[0]));
    return Reply::NoContent();
  });

  r.Add("GET", connector + "/config", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(ConnectorInfo info, w->GetConnector(p[0]));
    return Reply::Ok(RedactedConfigJson(info.config));
  });

  r.Add("PUT", connector + "/config", [w](const Req& req, const Params& p) -> Result<Reply> {
    TRIB_RETURN_IF_ERROR(CheckConnectorName(p[0]));
    TRIB_ASSIGN_OR_RETURN(Json body, ParseBodyObject(req));
    TRIB_ASSIGN_OR_RETURN(ConfigMap config, ConfigFromJson(body, "The request body"));
    TRIB_RETURN_IF_ERROR(CheckAndPutConnectorName(p[0], config));
    bool created = false;
    TRIB_ASSIGN_OR_RETURN(ConnectorInfo info,
                          w->PutConnectorConfig(p[0], std::move(config), &created));
    return CreatedOrOk(created, req, info);
  });

  r.Add("GET", connector + "/status", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(ConnectorState state, w->GetState(p[0]));
    return Reply::Ok(ConnectorStateJson(state));
  });

  r.Add("GET", connector + "/tasks", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(ConnectorInfo info, w->GetConnector(p[0]));
    Json tasks = Json::array();
    const Json config = RedactedConfigJson(info.config);
    for (int id : info.task_ids)
      tasks.push_back({{"id", {{"connector", info.name}, {"task", id}}}, {"config", config}});
    return Reply::Ok(tasks);
  });

  r.Add("GET", connector + "/tasks/([^/]+)/status",
        [w](const Req&, const Params& p) -> Result<Reply> {
          std::optional<int> id = ParseTaskId(p[1]);
          if (!id) return kNoSuchPath;
          TRIB_ASSIGN_OR_RETURN(ConnectorState state, w->GetState(p[0]));
          for (const TaskState& task : state.tasks)
            if (task.id == *id) return Reply::Ok(TaskStateJson(task));
          return Status::NotFound("No status found for task {}-{}", p[0], *id);
        });

  r.Add("POST", connector + "/tasks/([^/]+)/restart",
        [w](const Req&, const Params& p) -> Result<Reply> {
          std::optional<int> id = ParseTaskId(p[1]);
          if (!id) return kNoSuchPath;
          TRIB_RETURN_IF_ERROR(w->RestartTask(p[0], *id));
          return Reply::NoContent();
        });

  r.Add("POST", connector + "/restart", [w](const Req& req, const Params& p) -> Result<Reply> {
    const bool include_tasks = BoolParam(req, "includeTasks", false);
    const bool only_failed = BoolParam(req, "onlyFailed", false);
    TRIB_RETURN_IF_ERROR(w->RestartConnector(p[0], include_tasks, only_failed));
    // Without either flag Kafka Connect keeps the old answer: restart the connector, no body.
    if (!include_tasks && !only_failed) return Reply::NoContent();
    TRIB_ASSIGN_OR_RETURN(ConnectorState state, w->GetState(p[0]));
    return Reply::Accepted(ConnectorStateJson(state));
  });

  r.Add("PUT", connector + "/pause", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_RETURN_IF_ERROR(w->PauseConnector(p[0]));
    return Reply::Accepted();
  });

  r.Add("PUT", connector + "/resume", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_RETURN_IF_ERROR(w->ResumeConnector(p[0]));
    return Reply::Accepted();
  });

  r.Add("PUT", connector + "/stop", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_RETURN_IF_ERROR(w->StopConnector(p[0]));
    return Reply::NoContent();
  });

  r.Add("GET", connector + "/offsets", [w](const Req&, const Params& p) -> Result<Reply> {
    TRIB_ASSIGN_OR_RETURN(nlohmann::json offsets, w->GetOffsets(p[0]));
    return Reply::Ok(Json(offsets));
  });

  r.Add("GET", "/connector-plugins", [w](const Req& req, const Params&) -> Result<Reply> {
    const bool connectors_only = BoolParam(req, "connectorsOnly", true);
    std::vector<connect::PluginRegistry::PluginInfo> plugins = w->ListPlugins();
    std::stable_sort(plugins.begin(), plugins.end(), [](const auto& a, const auto& b) {
      return std::pair(PluginListingRank(a.type), a.class_name) <
             std::pair(PluginListingRank(b.type), b.class_name);
    });
    Json out = Json::array();
    for (const auto& plugin : plugins) {
      if (connectors_only && plugin.type != connect::PluginType::kSource &&
          plugin.type != connect::PluginType::kSink)
        continue;
      out.push_back({{"class", plugin.class_name},
                     {"type", connect::PluginTypeName(plugin.type)},
                     {"version", TributaryVersion()}});
    }
    return Reply::Ok(out);
  });

  r.Add("PUT", "/connector-plugins/([^/]+)/config/validate",
        [w](const Req& req, const Params& p) -> Result<Reply> {
          TRIB_ASSIGN_OR_RETURN(Json body, ParseBodyObject(req));
          TRIB_ASSIGN_OR_RETURN(ConfigMap config, ConfigFromJson(body, "The request body"));
          std::string plugin_class = p[0];
          if (auto it = config.find("connector.class"); it != config.end()) {
            if (!EndsWith(NormalizedPluginName(it->second), NormalizedPluginName(p[0])))
              return Status::InvalidArgument(
                  "Included connector type {} does not match request type {}", it->second, p[0]);
            plugin_class = it->second;
          }
          TRIB_ASSIGN_OR_RETURN(nlohmann::json infos, w->ValidateConfig(plugin_class, config));
          return Reply::Ok(RedactValidation(Json(infos)));
        });

  r.Add("GET", "/connector-plugins/([^/]+)/config",
        [w](const Req&, const Params& p) -> Result<Reply> {
          TRIB_ASSIGN_OR_RETURN(nlohmann::json keys, w->PluginConfig(p[0]));
          return Reply::Ok(Json(keys));
        });

  r.Add("GET", "/metrics", [metrics = metrics_](const Req&, const Params&) -> Result<Reply> {
    if (metrics == nullptr) return kNoSuchPath;
    return Reply{200, RenderPrometheus(metrics->CollectTaskMetrics()), kPrometheusContentType, ""};
  });

  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    router_->Dispatch(req, res);
  };
  server_->Get(".*", dispatch);
  server_->Post(".*", dispatch);
  server_->Put(".*", dispatch);
  server_->Delete(".*", dispatch);
  server_->Patch(".*", dispatch);
  server_->Options(".*", dispatch);
}

ConnectRestServer::~ConnectRestServer() { Stop(); }

Status ConnectRestServer::Start(const std::string& host, int port) {
  return serving_.Start(host, port);
}

void ConnectRestServer::Stop() { serving_.Stop(); }

std::string_view TributaryVersion() { return TRIBUTARY_VERSION; }
std::string_view TributaryCommit() { return TRIBUTARY_COMMIT; }

}  // namespace tributary::connectrest
