// Parsing Avro schemas from JSON and writing them back: the full form (ToJson), the Parsing
// Canonical Form and its CRC-64-AVRO (Rabin) fingerprint, as the Avro 1.12 specification
// defines them.
//
// Thread-safety: all functions are pure; call them from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "avro/schema.h"
#include "common/status.h"

namespace tributary::avro {

struct ParseOptions {
  // Schemas whose named types (and the named types nested in them) may be referenced by full
  // name, as Confluent's schema references allow. The parsed schema keeps them alive.
  std::vector<SchemaPtr> references;
};

// Parses a schema document. Errors are InvalidArgument and name the JSON location
// (a JSON pointer such as "/fields/3/type") and the reason, e.g.
//   "Avro schema /fields/1/type: unknown type 'Strin' (not a primitive type nor a named type
//    defined before this point)".
// Checks: names and namespaces are valid, named types are defined once and before use, no
// duplicate field names or enum symbols, unions hold no nested union nor two branches of the
// same unnamed type or the same name, fixed sizes are non-negative, every field default (and
// the enum default) is valid for its type (for a union: valid for one of its branches, as
// 1.12 allows). Invalid logical types are kept as properties and ignored, as the spec says.
Result<SchemaPtr> ParseSchema(std::string_view json, const ParseOptions& options = {});
// The same, from an already parsed JSON document.
Result<SchemaPtr> ParseSchemaJson(const Json& json, const ParseOptions& options = {});

// Whether `value` (JSON) is a valid default for `schema` (union: any branch matches).
// Returns OK or InvalidArgument naming the offending JSON path below `value`.
Status ValidateDefault(const Schema& schema, const Json& value);

// The full form as Avro's Java Schema.toString writes it: every attribute kept, in the order
// type, name, namespace (only where it differs from the enclosing one), doc, fields / symbols
// (+ enum default) / items / values / size, extra properties in document order, aliases;
// fields as name, type, doc, default, order (unless ascending), aliases, properties; a named
// type already written appears as its (namespace-relative) name. Compact unless `pretty`
// (2-space indent).
std::string ToJson(const Schema& schema, bool pretty = false);
Json ToJsonValue(const Schema& schema);

// Parsing Canonical Form: primitives as bare names, full names, only name/type/fields/
// symbols/items/values/size in that order, no whitespace.
std::string CanonicalForm(const Schema& schema);

// CRC-64-AVRO (Rabin) of `bytes`; pass CanonicalForm(schema) for a schema fingerprint.
uint64_t Fingerprint64(std::string_view bytes);
inline uint64_t Fingerprint64(const Schema& schema) { return Fingerprint64(CanonicalForm(schema)); }

}  // namespace tributary::avro
