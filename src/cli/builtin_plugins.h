// Registers every plugin Tributary ships (connectors, converters, transforms, predicates)
// under the Java class names users write in their configs.
#pragma once

#include "connect/plugins.h"

namespace tributary::cli {

void RegisterBuiltinPlugins(connect::PluginRegistry& plugins);

}  // namespace tributary::cli
