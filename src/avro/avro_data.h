// AvroData: Kafka Connect schemas and values <-> Avro, exactly as Confluent's
// io.confluent.connect.avro.AvroData (and the AWS Glue converter's copy of it) maps them, so
// the schemas we register are the ones a Java Connect worker would register, key for key.
//
// Connect -> Avro schema (FromConnectSchema), with the default AvroDataConfig:
//   int8/int16 -> "int" + "connect.type":"int8"/"int16"; int32 -> int; int64 -> long;
//   float32 -> float; float64 -> double; boolean; string; bytes;
//   Decimal -> bytes + "scale", "precision" (parameter connect.decimal.precision, default 64),
//     logicalType decimal; Date -> int/date; Time -> int/time-millis; Timestamp ->
//     long/timestamp-millis; (bytes with parameter connect.fixed.size -> fixed);
//   array -> array; map with string keys -> map; other maps -> array of records
//     io.confluent.connect.avro.MapEntry{key, value};
//   struct -> record named by the schema name (namespace = the part before the last dot);
//     unnamed -> io.confluent.connect.avro.ConnectDefault (ConnectDefault2, ... for more);
//     struct io.confluent.connect.avro.Union -> an Avro union of its fields' types;
//   metadata properties, in this order after the type's own attributes: connect.doc,
//     connect.version, connect.parameters, connect.default, connect.name, connect.type, then
//     logicalType; parameters starting with "avro" become plain properties;
//   optional T -> ["null", T] with field default null; optional T with a default ->
//     [T, "null"] with that default; a named type seen before -> a reference by name.
// Avro -> Connect schema (ToConnectSchema) is the inverse, as AvroData.toConnectSchema:
//   enums become strings with io.confluent.connect.avro.Enum parameters, ["null", T] and
//   [T, "null"] become optional T, other unions become struct io.confluent.connect.avro.Union
//   with one optional field per branch, field defaults become schema defaults, docs become
//   io.confluent.connect.avro.*doc* parameters. Recursive Avro schemas are NotSupported.
//
// Values: EncodeConnectValue writes a Connect value straight to Avro binary with a plan
// compiled once per Connect schema (no per-row allocation beyond the output's growth);
// DecodeToConnect reads Avro binary straight into a Connect value. Representation (data::Value,
// see data/value.h): int8..int64 -> Int, float32/64 -> Double, Decimal -> Bytes of the
// unscaled two's-complement big-endian integer, Date -> Int days, Time -> Int millis,
// Timestamp -> Int millis, Avro enum -> String symbol, Avro fixed -> Bytes, Avro union struct ->
// a Struct with exactly one non-null field. A null struct field with a schema default encodes
// the default, as Connect's Struct.get does.
//
// Thread-safety: an AvroData may be shared between threads; its caches are locked. Returned
// schemas and plans are immutable.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "avro/connect_plan.h"
#include "avro/datum.h"
#include "avro/schema_resolution.h"
#include "avro/schema.h"
#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"

namespace tributary::avro {

struct AvroDataConfig {
  bool connect_meta_data = true;     // connect.meta.data
  size_t schemas_cache_size = 1000;  // schemas.cache.config
  // Whose copy of AvroData to follow where they differ: AWS Glue's converter names every
  // unnamed struct "ConnectDefault" (Confluent's numbers them ConnectDefault2, ...) and never
  // maps Connect bytes to an Avro fixed (Confluent's does when connect.fixed.size is set).
  enum class Flavor { kConfluent, kAwsGlue };
  Flavor flavor = Flavor::kConfluent;
};

// Names AvroData uses.
namespace connect_names {
inline constexpr std::string_view kNamespace = "io.confluent.connect.avro";
inline constexpr std::string_view kDefaultName = "ConnectDefault";
inline constexpr std::string_view kMapEntry = "MapEntry";
inline constexpr std::string_view kUnion = "io.confluent.connect.avro.Union";
inline constexpr std::string_view kEnum = "io.confluent.connect.avro.Enum";
inline constexpr std::string_view kDecimalPrecision = "connect.decimal.precision";
inline constexpr std::string_view kFixedSize = "connect.fixed.size";
inline constexpr int kDefaultDecimalPrecision = 64;
}  // namespace connect_names

class AvroData {
 public:
  explicit AvroData(AvroDataConfig config = {});
  ~AvroData();

  // Connect -> Avro schema. Cached by the Connect schema's address; the SchemaPtr overload
  // keeps the schema alive in the cache (prefer it), the reference overload re-checks equality
  // on a cache hit so that a recycled address never returns a stale answer.
  Result<SchemaPtr> FromConnectSchema(const data::SchemaPtr& schema);
  Result<SchemaPtr> FromConnectSchema(const data::Schema& schema);

  // Avro -> Connect schema, cached by the Avro schema's address (kept alive by the cache).
  Result<data::SchemaPtr> ToConnectSchema(const SchemaPtr& schema);

  // Appends the Avro binary encoding of `value` (a value of the Connect schema `schema`) in
  // the Avro schema FromConnectSchema(schema) to *out. Errors name the field path.
  Status EncodeConnectValue(const data::SchemaPtr& schema, const data::Value& value,
                            std::string* out);
  Status EncodeConnectValue(const data::Schema& schema, const data::Value& value,
                            std::string* out);

  // Decodes Avro binary written with `writer` into a value of ToConnectSchema(writer), which
  // is also returned in *connect_schema when non-null. All of `bytes` must be consumed.
  Status DecodeToConnect(const SchemaPtr& writer, std::string_view bytes, data::Value* out,
                         data::SchemaPtr* connect_schema = nullptr);

  // The same for data written with `writer` and read as `reader` (schema resolution, see
  // avro/schema_resolution.h); the value is of ToConnectSchema(reader).
  Status DecodeToConnect(const SchemaPtr& writer, const SchemaPtr& reader, std::string_view bytes,
                         data::Value* out, data::SchemaPtr* connect_schema = nullptr);

  // Generic values: a Connect value as a Datum of FromConnectSchema(schema), and a Datum of
  // `avro` as a value of ToConnectSchema(avro). (Slower than the binary paths above: they go
  // through the binary encoding.)
  Result<Datum> FromConnectValue(const data::SchemaPtr& schema, const data::Value& value);
  Result<data::Value> ToConnectValue(const SchemaPtr& avro, const Datum& datum);

  // The compiled plans behind the calls above, for hot loops that encode or decode many
  // values of one schema without a cache lookup per value: plan->Encode(value, &out),
  // plan->Decode(&reader, &value). EncoderFor(s)->avro_schema() is FromConnectSchema(s).
  Result<std::shared_ptr<const ConnectPlan>> EncoderFor(const data::SchemaPtr& schema);
  Result<std::shared_ptr<const ConnectPlan>> DecoderFor(const SchemaPtr& writer);

 private:
  struct FromEntry {
    data::SchemaPtr keep_alive;    // the caller's schema (SchemaPtr overload), else null
    data::SchemaPtr connect_copy;  // the schema the plan was compiled for
    SchemaPtr avro;
    std::shared_ptr<const ConnectPlan> plan;
  };
  struct ToEntry {
    SchemaPtr keep_alive;
    data::SchemaPtr connect;
    std::shared_ptr<const ConnectPlan> plan;
  };
  Result<std::shared_ptr<const FromEntry>> FromEntryFor(const data::Schema& schema,
                                                        const data::SchemaPtr& owner);
  Result<std::shared_ptr<const ToEntry>> ToEntryFor(const SchemaPtr& schema);

  AvroDataConfig config_;
  std::mutex mu_;
  std::unordered_map<const data::Schema*, std::shared_ptr<const FromEntry>> from_cache_;
  std::unordered_map<const Schema*, std::shared_ptr<const ToEntry>> to_cache_;
  std::map<std::pair<const Schema*, const Schema*>, std::shared_ptr<const SchemaResolution>>
      resolution_cache_;
};

// Stateless conversions (no cache), for tools and tests.
Result<SchemaPtr> ConnectToAvroSchema(const data::Schema& schema, const AvroDataConfig& config = {});
Result<data::SchemaPtr> AvroToConnectSchema(const Schema& schema, const AvroDataConfig& config = {});

}  // namespace tributary::avro
