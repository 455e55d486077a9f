// The primitives of Avro's binary encoding: zig-zag varints, little-endian IEEE floats,
// length-prefixed bytes. Writers append to a std::string; BinaryReader is bounds-checked and
// reports the absolute byte offset of anything it cannot decode.
//
// Thread-safety: BinaryReader is a cursor; one per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tributary::avro {

inline void WriteLong(int64_t v, std::string* out) {
  uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  char buf[10];
  size_t n = 0;
  while (z >= 0x80) {
    buf[n++] = static_cast<char>(z | 0x80);
    z >>= 7;
  }
  buf[n++] = static_cast<char>(z);
  out->append(buf, n);
}
inline void WriteInt(int32_t v, std::string* out) { WriteLong(v, out); }
inline void WriteBoolean(bool v, std::string* out) { out->push_back(v ? 1 : 0); }
inline void WriteFloat(float v, std::string* out) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  char buf[4] = {static_cast<char>(bits), static_cast<char>(bits >> 8),
                 static_cast<char>(bits >> 16), static_cast<char>(bits >> 24)};
  out->append(buf, 4);
}
inline void WriteDouble(double v, std::string* out) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(bits >> (8 * i));
  out->append(buf, 8);
}
inline void WriteBytes(std::string_view v, std::string* out) {
  WriteLong(static_cast<int64_t>(v.size()), out);
  out->append(v.data(), v.size());
}

class BinaryReader {
 public:
  // `base_offset` is added to positions in error messages (e.g. the block's file offset).
  explicit BinaryReader(std::string_view data, size_t base_offset = 0)
      : data_(data), base_offset_(base_offset) {}

  size_t position() const { return pos_; }
  size_t offset() const { return base_offset_ + pos_; }  // for messages
  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

  Status ReadLong(int64_t* v) {
    uint64_t z = 0;
    size_t start = pos_;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos_ >= data_.size()) return Truncated(start, "varint");
      uint8_t b = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 63 && (b & 0x7E) != 0) return Corrupt(start, "varint overflows 64 bits");
      z |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        *v = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
        return Status::OK();
      }
    }
    return Corrupt(start, "varint longer than 10 bytes");
  }
  Status ReadInt(int32_t* v) {
    size_t start = pos_;
    int64_t l;
    TRIB_RETURN_IF_ERROR(ReadLong(&l));
    if (l < INT32_MIN || l > INT32_MAX) return Corrupt(start, "int out of 32-bit range");
    *v = static_cast<int32_t>(l);
    return Status::OK();
  }
  Status ReadBoolean(bool* v) {
    if (pos_ >= data_.size()) return Truncated(pos_, "boolean");
    uint8_t b = static_cast<uint8_t>(data_[pos_]);
    if (b > 1) return Corrupt(pos_, "boolean byte is neither 0 nor 1");
    ++pos_;
    *v = b == 1;
    return Status::OK();
  }
  Status ReadFloat(float* v) {
    if (remaining() < 4) return Truncated(pos_, "float");
    const auto* p = reinterpret_cast<const uint8_t*>(data_.data() + pos_);
    uint32_t bits = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
    std::memcpy(v, &bits, 4);
    pos_ += 4;
    return Status::OK();
  }
  Status ReadDouble(double* v) {
    if (remaining() < 8) return Truncated(pos_, "double");
    uint64_t bits = 0;
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(data_[pos_ + i]);
    std::memcpy(v, &bits, 8);
    pos_ += 8;
    return Status::OK();
  }
  // Length-prefixed bytes or string; the view points into the input.
  Status ReadBytes(std::string_view* v) {
    size_t start = pos_;
    int64_t len;
    TRIB_RETURN_IF_ERROR(ReadLong(&len));
    if (len < 0) return Corrupt(start, "negative length");
    if (static_cast<uint64_t>(len) > remaining()) return Truncated(start, "bytes/string");
    *v = data_.substr(pos_, static_cast<size_t>(len));
    pos_ += static_cast<size_t>(len);
    return Status::OK();
  }
  Status ReadFixed(size_t size, std::string_view* v) {
    if (size > remaining()) return Truncated(pos_, "fixed");
    *v = data_.substr(pos_, size);
    pos_ += size;
    return Status::OK();
  }
  Status Skip(size_t n) {
    if (n > remaining()) return Truncated(pos_, "skipped block");
    pos_ += n;
    return Status::OK();
  }
  // The item count of the next array/map block (0 ends the collection); a negative count is
  // followed by the block's size in bytes, returned in *block_bytes (else -1).
  Status ReadBlockCount(int64_t* count, int64_t* block_bytes) {
    size_t start = pos_;
    TRIB_RETURN_IF_ERROR(ReadLong(count));
    *block_bytes = -1;
    if (*count < 0) {
      if (*count == INT64_MIN) return Corrupt(start, "block count out of range");
      *count = -*count;
      TRIB_RETURN_IF_ERROR(ReadLong(block_bytes));
      if (*block_bytes < 0) return Corrupt(start, "negative block size");
    }
    return Status::OK();
  }

  Status Corrupt(size_t pos, std::string_view what) const {
    return Status::Corruption("Avro data at byte {}: {}", base_offset_ + pos, what);
  }
  Status Truncated(size_t pos, std::string_view what) const {
    return Status::Corruption("Avro data at byte {}: truncated {} (input ends at byte {})",
                              base_offset_ + pos, what, base_offset_ + data_.size());
  }

 private:
  std::string_view data_;
  size_t base_offset_;
  size_t pos_ = 0;
};

}  // namespace tributary::avro
