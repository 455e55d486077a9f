// registry_server_for_tests: the registry REST server for tests written in other languages
// (tests/python), without the rest of the `tributary` binary.
//
// Usage: registry_server_for_tests DATA_DIR
//        registry_server_for_tests KEY=VALUE...   (schema-registry.properties keys, e.g.
//                                                   kafkastore.bootstrap.servers=HOST:PORT)
// Serves on 127.0.0.1 on a free port unless `listeners` says otherwise, prints "PORT <n>" on
// stdout once ready, and stops on SIGTERM or SIGINT.
#include <cstdio>
#include <map>
#include <string>

#include "registry/rest_server.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR | KEY=VALUE...\n", argv[0]);
    return 2;
  }
  std::map<std::string, std::string> props{{"listeners", "http://127.0.0.1:0"}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    size_t equals = arg.find('=');
    if (equals == std::string::npos)
      props["data.dir"] = arg;
    else
      props[arg.substr(0, equals)] = arg.substr(equals + 1);
  }
  tributary::Status status =
      tributary::registry::RunRegistryServer(props, [](int port) {
        std::printf("PORT %d\n", port);
        std::fflush(stdout);
      });
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
