// The process-wide embedded registry that converters use when their config names no registry
// URL (`schema.registry.url` for Confluent's converter, `endpoint` for Glue's).
//
// The runtime opens the Registry (e.g. under <data.dir>/registry), calls
// SetEmbeddedRegistry(registry) BEFORE configuring any converter, and
// SetEmbeddedRegistry(nullptr) after the last converter is gone; the Registry must outlive
// every converter configured while it was set. Tests may instead inject a client with
// AvroConverter::SetRegistryClient / GlueAvroConverter::SetRegistryClient.
//
// Thread-safety: the pointer is atomic; set it before the converters start.
#pragma once

#include "registry/registry.h"

namespace tributary::registry {

Registry* EmbeddedRegistry();
void SetEmbeddedRegistry(Registry* registry);

}  // namespace tributary::registry
