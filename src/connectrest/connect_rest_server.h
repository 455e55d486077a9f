// ConnectRestServer: Kafka Connect's REST API over HTTP (cpp-httplib), driving a WorkerControl.
//
// Paths, bodies and status codes are Kafka Connect's (ConnectorsResource, RootResource,
// ConnectorPluginsResource):
//   GET    /                                    200 {"version","commit","kafka_cluster_id"}
//   GET    /health                              200 {"status":"healthy","message"}
//   GET    /connectors[?expand=status&expand=info] 200 [names] or {name:{"status","info"}}
//   POST   /connectors {"name","config"[,"initial_state":"RUNNING"]}  201 connector info + Location
//   GET    /connectors/{c}                      200 {"name","config","tasks":[{"connector","task"}],"type"}
//   DELETE /connectors/{c}                      204
//   GET    /connectors/{c}/config               200 {key: value}
//   PUT    /connectors/{c}/config {key: value}  201 (created, + Location) or 200, connector info
//   GET    /connectors/{c}/status               200 {"name","connector":{"state","worker_id","version"
//                                                   [,"trace"]},"tasks":[{"id","state","worker_id",
//                                                   "version"[,"trace"]}],"type"}
//   GET    /connectors/{c}/tasks                200 [{"id":{"connector","task"},"config":{...}}]
//   GET    /connectors/{c}/tasks/{t}/status     200 {"id","state","worker_id","version"[,"trace"]}
//   POST   /connectors/{c}/tasks/{t}/restart    204
//   POST   /connectors/{c}/restart[?includeTasks=&onlyFailed=]  204, or 202 + status body when
//                                               either flag is true
//   PUT    /connectors/{c}/pause | /resume      202;  PUT /connectors/{c}/stop  204
//   GET    /connectors/{c}/offsets              200 {"offsets":[{"partition","offset"}]}
//   GET    /connector-plugins[?connectorsOnly=false]  200 [{"class","type","version"}]
//   GET    /connector-plugins/{p}/config        200 [ConfigKeyInfo] of the plugin's declared keys
//   PUT    /connector-plugins/{p}/config/validate {key: value}  200 ConfigInfos
//   GET    /metrics                             200 Prometheus text (when a MetricsSource is given)
// Errors are {"error_code":<HTTP status>,"message":"..."}: NotFound 404, AlreadyExists 409,
// InvalidArgument/NotSupported/Incompatible 400, Unavailable 409 (Kafka Connect's "try again"
// code), anything else 500. Unknown paths are 404 "HTTP 404 Not Found", a known path with the
// wrong method 405 "HTTP 405 Method Not Allowed", and OPTIONS lists a path's methods in an Allow
// header, as Jersey answers in Kafka Connect. These answers were compared with a real Kafka
// Connect 4.1.1 standalone worker. "version" in states and plugins is Tributary's version: every
// plugin is built in.
// Deliberate differences: malformed JSON, a missing "config" and non-string config values are
// 400 naming the line and column or the key (Kafka Connect answers 500); ?expand=status,info is
// read like ?expand=status&expand=info (Kafka ignores it); validate without connector.class
// validates the plugin named in the path (Kafka answers 500); secrets are hidden (Kafka echoes
// them).
// Not served, for want of a WorkerControl call: PATCH /connectors/{c}/config, PATCH and DELETE
// /connectors/{c}/offsets, /connectors/{c}/topics[/reset],
// /admin/loggers, and "initial_state" PAUSED or STOPPED (400).
//
// Secrets: every config map in an answer passes through connect::Config::Redacted(), and error
// messages about a request body have the values of its secret keys
// (connect::Config::IsSecretKey) replaced by "[hidden]"; JSON parse errors never quote the body.
//
// Thread-safety: Start and Stop from one thread; requests are served concurrently on httplib's
// thread pool, so the WorkerControl and MetricsSource must be thread-safe (their contracts say so).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "common/status.h"
#include "connectrest/worker_control.h"
#include "http/http_server_thread.h"

namespace httplib {
class Server;
}

namespace tributary::connectrest {

class MetricsSource;

class ConnectRestServer {
 public:
  // `worker` (and `metrics`, if given) are not owned and must outlive the server. Without a
  // MetricsSource, GET /metrics is 404.
  explicit ConnectRestServer(WorkerControl* worker, MetricsSource* metrics = nullptr);
  ~ConnectRestServer();  // stops the server
  ConnectRestServer(const ConnectRestServer&) = delete;
  ConnectRestServer& operator=(const ConnectRestServer&) = delete;

  // Binds `host`:`port` (port 0 picks a free port) and serves on a background thread. IOError
  // naming the address when it cannot bind; InvalidArgument when already started.
  Status Start(const std::string& host, int port);
  // The bound port once Start succeeded.
  int port() const { return serving_.port(); }
  // Stops serving and joins the thread; idempotent.
  void Stop();

 private:
  class Router;
  WorkerControl* worker_;
  MetricsSource* metrics_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<httplib::Server> server_;
  http::HttpServerThread serving_;
};

// The version GET / reports, and the commit the binary was built from ("unknown" outside git).
std::string_view TributaryVersion();
std::string_view TributaryCommit();

}  // namespace tributary::connectrest
