#include "http/http_server_thread.h"

#include <httplib.h>

#include <chrono>

namespace tributary::http {

HttpServerThread::HttpServerThread(httplib::Server* server, std::string name,
                                   std::string listeners_key)
    : server_(server), name_(std::move(name)), listeners_key_(std::move(listeners_key)) {
  // httplib's default adds SO_REUSEPORT, which lets a second process bind a port in use and
  // silently share its connections; a port in use must be an error instead.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
}

HttpServerThread::~HttpServerThread() { Stop(); }

Status HttpServerThread::Start(const std::string& host, int port) {
  if (thread_.joinable())
    return Status::InvalidArgument("{}: already serving on port {}", name_, port_);
  if (port == 0) {
    const int bound = server_->bind_to_any_port(host);
    if (bound < 0) return Status::IOError("{}: cannot bind {} on any port", name_, host);
    port_ = bound;
  } else {
    if (!server_->bind_to_port(host, port))
      return Status::IOError("{}: cannot listen on {}:{} (in use? set '{}' to a free address)",
                             name_, host, port, listeners_key_);
    port_ = port;
  }
  listen_ended_ = false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_ended_ = true;
  });
  while (!server_->is_running() && !listen_ended_)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (listen_ended_) {
    thread_.join();
    return Status::IOError("{}: the listener on {}:{} stopped as it started", name_, host, port_);
  }
  return Status::OK();
}

void HttpServerThread::Stop() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tributary::http
