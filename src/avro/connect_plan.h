// ConnectPlan: a Connect schema paired with its Avro schema (as AvroData maps them), compiled
// once into a flat table of steps so that values move between data::Value and Avro binary
// without consulting either schema per row. Used by AvroData (avro/avro_data.h), which owns
// the plans and documents the value representation.
//
// Thread-safety: immutable after Compile; Encode/Decode may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "avro/binary.h"
#include "avro/generic_codec.h"
#include "avro/schema.h"
#include "common/status.h"
#include "data/schema.h"
#include "data/value.h"

namespace tributary::avro {

class ConnectPlan {
 public:
  // `connect_ptr` may be null when only encoding (decoding a struct needs the SchemaPtr).
  static Result<std::shared_ptr<const ConnectPlan>> Compile(const data::Schema& connect,
                                                            data::SchemaPtr connect_ptr,
                                                            SchemaPtr avro);

  // Appends the Avro binary of `value`; errors name the field path.
  Status Encode(const data::Value& value, std::string* out) const;
  // Decodes one value at the reader's position.
  Status Decode(BinaryReader* in, data::Value* out, const DecodeLimits& limits = {}) const;

  const SchemaPtr& avro_schema() const { return avro_; }

  enum class Op : uint8_t {
    kNull, kBoolean, kInt, kLong, kFloat, kDouble, kString, kEnum, kBytes, kFixed,
    kArray, kMap, kMapEntries, kStruct, kOptional, kUnionStruct, kSingleUnion,
  };
  struct Node {
    Op op = Op::kNull;
    const data::Schema* connect = nullptr;
    data::SchemaPtr connect_ptr;  // structs, for decoding
    const Schema* avro = nullptr;
    std::vector<uint32_t> children;     // element / value / (key, value) / fields / members
    std::vector<int32_t> branch_of;     // union struct: avro branch per connect field
    std::vector<int32_t> field_of;      // union struct: connect field per avro branch (-1: null)
    int32_t null_branch = -1;
    int32_t value_branch = -1;
    bool zero_size_items = false;  // arrays whose items encode to no bytes
  };

 private:
  ConnectPlan() = default;
  Result<uint32_t> Build(const data::Schema& c, const data::SchemaPtr& c_ptr, const Schema& a,
                         bool ignore_optional, const std::string& path);
  Status EncodeNode(uint32_t id, const data::Value& v, std::string* out) const;
  Status DecodeNode(uint32_t id, BinaryReader* in, data::Value* out, int depth,
                    const DecodeLimits& limits, int64_t* items) const;

  SchemaPtr avro_;
  std::vector<Node> nodes_;
};

}  // namespace tributary::avro
