// HttpServerThread: serves one httplib::Server on a background thread, so that Stop() works
// at any moment after Start() returned (httplib's own stop() does nothing until its listen
// loop runs, which left a quickly stopped server's thread running forever).
//
// Thread-safety: Start and Stop from one thread; the server's handlers run on httplib's pool.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "common/status.h"

namespace httplib {
class Server;
}

namespace tributary::http {

class HttpServerThread {
 public:
  // `server` is not owned and must outlive this object. `name` ("schema
  // registry", "Connect REST server") and `listeners_key` appear in errors.
  HttpServerThread(httplib::Server* server, std::string name, std::string listeners_key);
  ~HttpServerThread();
  HttpServerThread(const HttpServerThread&) = delete;
  HttpServerThread& operator=(const HttpServerThread&) = delete;

  // Binds `host`:`port` (0: a free port), returns once the server accepts connections.
  Status Start(const std::string& host, int port);
  // The bound port (0 before Start).
  int port() const { return port_; }
  // Stops serving and joins the thread; idempotent.
  void Stop();

 private:
  httplib::Server* server_;
  std::string name_;
  std::string listeners_key_;
  std::thread thread_;
  std::atomic<bool> listen_ended_ = false;
  int port_ = 0;
};

}  // namespace tributary::http
