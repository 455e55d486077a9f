// CompatibilityChecker: decides whether a new Avro schema may follow the previous versions of
// a subject, by the Avro 1.12 specification's schema resolution rules, and lists EVERY
// incompatibility found (not just the first) with its location and reason.
//
// Reader/writer rules (CheckReaderWriter): same primitive types match; int promotes to
// long/float/double, long to float/double, float to double, string <-> bytes; records,
// enums and fixed must have the same unqualified name (or the reader lists the writer's full
// name among its aliases); fixed sizes must be equal; every writer enum symbol must exist in
// the reader unless the reader enum has a default; each reader field must exist in the writer
// (by name or one of the reader field's aliases) or have a default; a writer union needs every
// branch readable; a reader union needs some branch that reads the writer. Logical types are
// not compared (as Avro's and Confluent's checkers do).
//
// Locations are JSON pointers into the READER schema, as Avro's SchemaCompatibility writes
// them: "/fields/3" for a missing field, "/fields/0/type/items" for nested types, "/symbols",
// "/size", "/name", and a union index for writer union branches.
//
// Modes (CheckCompatibility): BACKWARD reads the previous schema's data with the new schema;
// FORWARD the new schema's data with the previous schema; FULL both; *_TRANSITIVE against all
// previous versions instead of the latest; NONE nothing; DISABLED rejects any new schema.
//
// Thread-safety: pure functions over immutable schemas.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "avro/schema.h"
#include "registry/compatibility_level.h"

namespace tributary::registry {

enum class IncompatibilityType {
  kNameMismatch,
  kFixedSizeMismatch,
  kMissingEnumSymbols,
  kReaderFieldMissingDefaultValue,
  kTypeMismatch,
  kMissingUnionBranch,
};

// Confluent's/Avro's names: "NAME_MISMATCH", "READER_FIELD_MISSING_DEFAULT_VALUE", ...
std::string_view IncompatibilityTypeName(IncompatibilityType type);

struct Incompatibility {
  IncompatibilityType type;
  std::string path;             // JSON pointer into the reader schema
  std::string additional_info;  // field name, missing symbols, "expected: X", ...
  std::string description;      // a sentence naming the field/path and the reason

  // Confluent's verbose form:
  // "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'...', additionalInfo:'COUNTRY'}"
  std::string ToString() const;
};

// Whether data written with `writer` can be read with `reader`. `reader_is_new` only selects
// the wording of descriptions ("new schema" for the reader when true, else "old schema").
std::vector<Incompatibility> CheckReaderWriter(const avro::Schema& reader,
                                               const avro::Schema& writer, bool reader_is_new);

struct PreviousVersion {
  int32_t version = 0;
  const avro::Schema* schema = nullptr;
};

struct CompatibilityResult {
  bool compatible = true;
  // Per checked old version: its version number, the direction and the incompatibilities.
  struct Finding {
    int32_t old_version = 0;
    bool new_schema_is_reader = true;
    std::vector<Incompatibility> incompatibilities;
  };
  std::vector<Finding> findings;  // only the versions that failed
  // Confluent's "messages": each incompatibility, then {oldSchemaVersion: N} and
  // {compatibility: 'MODE'} per failed version.
  std::vector<std::string> Messages(CompatibilityLevel level) const;
  // One line for errors: "... incompatible with version 1 under BACKWARD: <each incompatibility
  // as 'path: TYPE (info)'>".
  std::string Summary(CompatibilityLevel level) const;
};

// `previous`: the subject's live versions, oldest first (the last one is the latest).
CompatibilityResult CheckCompatibility(CompatibilityLevel level, const avro::Schema& candidate,
                                       const std::vector<PreviousVersion>& previous);

}  // namespace tributary::registry
