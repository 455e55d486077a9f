// SchemaResolution: reads data written with one schema (the writer's) as another (the
// reader's), per the specification's "Schema Resolution" section: numeric promotions
// (int -> long/float/double, long -> float/double, float -> double), string <-> bytes, record
// fields matched by name or reader alias (writer-only fields skipped, reader-only fields
// filled from their defaults), named types matched by full name, unqualified name or reader
// alias, enum symbols mapped by name (unknown ones take the reader's enum default), unions
// on either side resolved branch by branch (first exact match, then first promotable one).
//
// The plan is compiled once per (writer, reader) pair. Create() fails with Incompatible when
// the schemas can never match (e.g. a reader field with no default that the writer lacks);
// mismatches that depend on the data (a writer union branch or an enum symbol the reader
// cannot take) are reported by Decode as Incompatible errors naming the branch or symbol.
//
// Thread-safety: immutable after Create(); Decode may be called from several threads.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "avro/datum.h"
#include "avro/generic_codec.h"
#include "avro/schema.h"
#include "common/status.h"

namespace tributary::avro {

class SchemaResolution {
 public:
  static Result<std::shared_ptr<const SchemaResolution>> Create(SchemaPtr writer,
                                                                SchemaPtr reader);

  // Decodes one writer-encoded value into a Datum of the reader schema.
  Status Decode(BinaryReader* in, Datum* out, const DecodeLimits& limits = {}) const;
  Result<Datum> Decode(std::string_view bytes, const DecodeLimits& limits = {}) const;

  const SchemaPtr& writer() const { return writer_; }
  const SchemaPtr& reader() const { return reader_; }

  struct Plan;  // defined in schema_resolution.cc
  ~SchemaResolution();

 private:
  SchemaResolution(SchemaPtr writer, SchemaPtr reader);
  SchemaPtr writer_;
  SchemaPtr reader_;
  std::vector<std::unique_ptr<Plan>> plans_;
  const Plan* root_ = nullptr;
};

}  // namespace tributary::avro
