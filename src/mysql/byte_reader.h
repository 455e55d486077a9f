// ByteReader: a bounds-checked cursor over a binlog event or row image. Integers in the binlog
// are little-endian unless a decoder says otherwise (the temporal and DECIMAL formats are
// big-endian); "length-encoded" integers follow the client/server protocol's rules.
//
// Every read checks the remaining length; a short buffer makes ok() false and the reads
// return zeros, so decoders can read a whole field and check once (the error names the
// byte offset where the data ran out).
//
// Thread-safety: a value type over borrowed bytes; use from one thread.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tributary::mysql {

class ByteReader {
 public:
  ByteReader() = default;
  explicit ByteReader(std::string_view bytes) : data_(bytes) {}

  bool ok() const { return ok_; }
  size_t offset() const { return pos_; }
  size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  bool at_end() const { return pos_ >= data_.size(); }
  // The offset of the first read that ran past the end (valid when !ok()).
  size_t failed_at() const { return failed_at_; }

  uint64_t ReadLE(int n) {
    if (!Need(n)) return 0;
    const char* p = data_.data() + pos_;
    pos_ += n;
    if constexpr (std::endian::native == std::endian::little) {
      // The common widths as single loads (every row value goes through here).
      switch (n) {
        case 1: return static_cast<uint8_t>(*p);
        case 2: return Load<uint16_t>(p);
        case 4: return Load<uint32_t>(p);
        case 8: return Load<uint64_t>(p);
        default: break;
      }
    }
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
    return v;
  }
  uint64_t ReadBE(int n) {
    if (!Need(n)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(data_[pos_ + i]);
    pos_ += n;
    return v;
  }
  uint8_t U8() { return static_cast<uint8_t>(ReadLE(1)); }
  uint16_t U16() { return static_cast<uint16_t>(ReadLE(2)); }
  uint32_t U24() { return static_cast<uint32_t>(ReadLE(3)); }
  uint32_t U32() { return static_cast<uint32_t>(ReadLE(4)); }
  uint64_t U48() { return ReadLE(6); }
  uint64_t U64() { return ReadLE(8); }

  // Length-encoded integer (1, 3, 4 or 9 bytes).
  uint64_t LenEnc() {
    uint8_t first = U8();
    if (first < 0xfb) return first;
    if (first == 0xfc) return ReadLE(2);
    if (first == 0xfd) return ReadLE(3);
    if (first == 0xfe) return ReadLE(8);
    Fail();  // 0xfb (NULL) and 0xff are not integers
    return 0;
  }

  std::string_view Bytes(size_t n) {
    if (!Need(n)) return {};
    std::string_view v = data_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string_view LenEncBytes() { return Bytes(LenEnc()); }
  std::string_view Rest() { return Bytes(remaining()); }
  void Skip(size_t n) { Bytes(n); }

 private:
  template <typename T>
  static T Load(const char* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
  }
  bool Need(size_t n) {
    if (ok_ && data_.size() - pos_ >= n) return true;
    Fail();
    return false;
  }
  void Fail() {
    if (ok_) failed_at_ = pos_;
    ok_ = false;
  }

  std::string_view data_;
  size_t pos_ = 0;
  size_t failed_at_ = 0;
  bool ok_ = true;
};

}  // namespace tributary::mysql
