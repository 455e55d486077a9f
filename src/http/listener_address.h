// ListenerAddress: where an HTTP server of ours listens, parsed from a `listeners` value as
// Kafka Connect and Confluent Schema Registry write it ("http://0.0.0.0:8083,http://...").
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "common/status.h"

namespace tributary::http {

struct ListenerAddress {
  std::string host;  // "0.0.0.0" when the entry leaves it empty ("http://:8083")
  int port = 0;      // 0: any free port
  bool operator==(const ListenerAddress&) const = default;
};

// The first entry of `listeners`. The protocol is matched case-insensitively; https is
// NotSupported, any other malformed entry InvalidArgument, each naming `key`, the entry and
// the expected form (with `example_port` in the example).
Result<ListenerAddress> ParseListeners(const std::string& key, const std::string& listeners,
                                       int example_port);

}  // namespace tributary::http
