// CurlHttpClient: blocking HTTP/1.1 requests over libcurl, reusing connections.
//
// A transport failure (refused, reset, timed out, too slow) is a Status::Unavailable; any HTTP
// answer, whatever its status code, is a response for the caller to judge.
//
// Thread-safety: safe to call from several threads at once; each call borrows its own curl
// handle from a pool.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tributary::storage {

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class CurlHttpClient {
 public:
  struct Options {
    int64_t connect_timeout_ms = 10'000;
    // A request that moves less than 1 byte per second for this long is abandoned.
    int64_t stall_timeout_ms = 30'000;
  };

  explicit CurlHttpClient(Options options);
  ~CurlHttpClient();
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // Sends `method` to `url` (path and query already encoded) with exactly `headers` and `body`.
  Result<HttpResponse> Perform(std::string_view method, const std::string& url,
                               const HttpHeaders& headers, std::string_view body);

 private:
  void* Acquire();
  void Release(void* handle);

  Options options_;
  std::mutex mutex_;
  std::vector<void*> idle_handles_;  // CURL*
};

}  // namespace tributary::storage
