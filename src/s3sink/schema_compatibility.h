// SchemaCompatibility: what the sink does when a record's value schema differs from the
// schema of the file it would go to (schema.compatibility), as Confluent's
// StorageSchemaCompatibility and SchemaProjector:
//   NONE      any difference (Schema::Equals) starts a new file;
//   BACKWARD  a record whose schema version is newer than the file's starts a new file; older
//             or equal ones are projected to the file's schema;
//   FORWARD   a record whose schema version is older starts a new file; newer ones projected;
//   FULL      as BACKWARD.
// For all but NONE a structural mismatch (type not promotable, name, parameters, optional
// without default, a required field missing) also starts a new file, and both schemas need a
// version (Connect's schema version, e.g. from the registry).
//
// Thread-safety: immutable; safe to share.
#pragma once

#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"
#include "s3sink/s3_sink_config.h"

namespace tributary::s3sink {

class SchemaCompatibility {
 public:
  explicit SchemaCompatibility(SchemaCompatibilityMode mode) : mode_(mode) {}

  // True when the record cannot be written into a file of `current`. InvalidArgument when
  // schema-based and schemaless data mix, or a version needed by the mode is missing.
  Result<bool> ShouldChangeSchema(const data::SchemaPtr& record_schema,
                                  const data::SchemaPtr& current) const;

  // `value` of `source` converted to `target` (missing optional fields null, defaults filled,
  // numbers widened). Identity for NONE or equal schemas.
  Result<data::Value> Project(const data::SchemaPtr& source, const data::Value& value,
                              const data::SchemaPtr& target) const;

 private:
  SchemaCompatibilityMode mode_;
};

}  // namespace tributary::s3sink
