// NormalizedAvroSchema: the form Confluent's registry compares and stores when a client asks
// for `normalize=true` (its AvroSchemaUtils normalization, adapted from Avro's Parsing Canonical
// Form but keeping every attribute): named types by full name (no "namespace"), attributes in
// a fixed order (name, type, symbols / size / fields, doc, aliases sorted, enum default), field
// attributes as order (when not ascending), doc, sorted aliases, default, and every other
// property sorted by key (nested JSON objects too); a logical type as
// {"type","logicalType"[,"precision"[,"scale"]]} first; a named type seen before, or defined
// by a reference, by its quoted full name. So schemas that differ only in how they spell
// names, order their properties or nest namespaces get one id.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "avro/schema.h"

namespace tributary::registry {

// `references`: the parsed schemas the schema's references resolve to (their named types are
// written by name only).
std::string NormalizedAvroSchema(const avro::Schema& schema,
                                 const std::vector<avro::SchemaPtr>& references = {});

}  // namespace tributary::registry
