// ThriftCompactWriter: serializes Thrift structs in the Thrift compact protocol, the encoding
// of every Parquet page header and of the file footer (FileMetaData).
//
// Callers write fields in increasing id order inside BeginStruct()/EndStruct(); nested
// structs, lists and list elements follow the protocol's rules (field-id deltas per struct
// nesting level, zigzag varints, short list headers for fewer than 15 elements).
//
// Thread-safety: not thread-safe; one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tributary::parquet {

class ThriftCompactWriter {
 public:
  // The compact protocol's type codes.
  enum class Type : uint8_t {
    kBoolTrue = 1,
    kBoolFalse = 2,
    kByte = 3,
    kI16 = 4,
    kI32 = 5,
    kI64 = 6,
    kDouble = 7,
    kBinary = 8,
    kList = 9,
    kSet = 10,
    kMap = 11,
    kStruct = 12,
  };

  // Appends to *out, which must outlive the writer.
  explicit ThriftCompactWriter(std::string* out) : out_(out) {}

  // Opens a struct: the top-level one, a list element, or (via FieldStruct) a field.
  void BeginStruct();
  // Writes the STOP byte and returns to the enclosing struct's field ids.
  void EndStruct();

  void FieldBool(int16_t id, bool value);
  void FieldI8(int16_t id, int8_t value);
  void FieldI16(int16_t id, int16_t value);
  void FieldI32(int16_t id, int32_t value);
  void FieldI64(int16_t id, int64_t value);
  void FieldBinary(int16_t id, std::string_view value);
  // Writes a struct field's header and opens it; close it with EndStruct().
  void FieldStruct(int16_t id);
  // Writes a list field's header; then write exactly `size` elements with the List*
  // calls (or BeginStruct/EndStruct pairs for kStruct elements).
  void FieldList(int16_t id, Type element_type, int32_t size);

  void ListI32(int32_t value) { WriteVarint(ZigZag32(value)); }
  void ListBinary(std::string_view value);

 private:
  static uint32_t ZigZag32(int32_t v) {
    return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
  }
  static uint64_t ZigZag64(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  }
  void WriteFieldHeader(int16_t id, Type type);
  void WriteVarint(uint64_t value);

  std::string* out_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> enclosing_field_ids_;
};

}  // namespace tributary::parquet
