// registry_server_for_tests: the registry REST server for tests written in other languages
// (tests/python), until they can run `tributary registry`.
//
// Usage: registry_server_for_tests DATA_DIR
// Serves on 127.0.0.1 on a free port, prints "PORT <n>" on stdout once ready, and stops on
// SIGTERM or SIGINT.
#include <cstdio>

#include "registry/rest_server.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  tributary::Status status = tributary::registry::RunRegistryServer(
      {{"listeners", "http://127.0.0.1:0"}, {"data.dir", argv[1]}}, [](int port) {
        std::printf("PORT %d\n", port);
        std::fflush(stdout);
      });
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
