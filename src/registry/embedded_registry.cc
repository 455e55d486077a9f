#include "registry/embedded_registry.h"

#include <atomic>

namespace tributary::registry {
namespace {
std::atomic<Registry*> embedded{nullptr};
}

Registry* EmbeddedRegistry() { return embedded.load(); }
void SetEmbeddedRegistry(Registry* registry) { embedded.store(registry); }

}  // namespace tributary::registry
