#include "parquet/thrift_compact_writer.h"

namespace tributary::parquet {

void ThriftCompactWriter::BeginStruct() {
  enclosing_field_ids_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void ThriftCompactWriter::EndStruct() {
  out_->push_back('\0');  // STOP
  last_field_id_ = enclosing_field_ids_.back();
  enclosing_field_ids_.pop_back();
}

void ThriftCompactWriter::WriteFieldHeader(int16_t id, Type type) {
  const int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
  } else {
    out_->push_back(static_cast<char>(type));
    WriteVarint(ZigZag32(id));
  }
  last_field_id_ = id;
}

void ThriftCompactWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    out_->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::FieldBool(int16_t id, bool value) {
  // Booleans live in the field header's type nibble.
  WriteFieldHeader(id, value ? Type::kBoolTrue : Type::kBoolFalse);
}

void ThriftCompactWriter::FieldI8(int16_t id, int8_t value) {
  WriteFieldHeader(id, Type::kByte);
  out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::FieldI16(int16_t id, int16_t value) {
  WriteFieldHeader(id, Type::kI16);
  WriteVarint(ZigZag32(value));
}

void ThriftCompactWriter::FieldI32(int16_t id, int32_t value) {
  WriteFieldHeader(id, Type::kI32);
  WriteVarint(ZigZag32(value));
}

void ThriftCompactWriter::FieldI64(int16_t id, int64_t value) {
  WriteFieldHeader(id, Type::kI64);
  WriteVarint(ZigZag64(value));
}

void ThriftCompactWriter::FieldBinary(int16_t id, std::string_view value) {
  WriteFieldHeader(id, Type::kBinary);
  ListBinary(value);
}

void ThriftCompactWriter::FieldStruct(int16_t id) {
  WriteFieldHeader(id, Type::kStruct);
  BeginStruct();
}

void ThriftCompactWriter::FieldList(int16_t id, Type element_type, int32_t size) {
  WriteFieldHeader(id, Type::kList);
  if (size < 15) {
    out_->push_back(static_cast<char>((size << 4) | static_cast<uint8_t>(element_type)));
  } else {
    out_->push_back(static_cast<char>(0xF0 | static_cast<uint8_t>(element_type)));
    WriteVarint(static_cast<uint32_t>(size));
  }
}

void ThriftCompactWriter::ListBinary(std::string_view value) {
  WriteVarint(value.size());
  out_->append(value);
}

}  // namespace tributary::parquet
