// Dictionaries of the distinct values of one column chunk, in first-seen order, for
// dictionary encoding: a value's index is its position in the PLAIN dictionary page.
//
//   FixedWidthDictionary<T>  int32, int64, float, double (keyed by bit pattern, so -0.0 and
//                            +0.0, and NaNs of different payloads, stay distinct)
//   ByteArrayDictionary      BYTE_ARRAY values, kept PLAIN-encoded (length-prefixed)
//
// Both are open-addressing hash tables (the fixed-width one keeps keys in its slots).
// Values are inserted a page at a time: hashing a block of values first and prefetching
// their slots lets the cache misses of a large dictionary overlap.
//
// Thread-safety: not thread-safe.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tributary::parquet {

namespace dictionary_internal {
// Values hashed (and their slots prefetched) ahead of the probes.
inline constexpr size_t kBlock = 16;
inline constexpr size_t kInitialSlots = 64;
}  // namespace dictionary_internal

template <typename T>
class FixedWidthDictionary {
 public:
  FixedWidthDictionary() { Clear(); }

  // Writes the index of each of values[0, count) to indices[0, count), adding new values.
  void InsertBatch(const T* values, size_t count, uint32_t* indices) {
    size_t positions[dictionary_internal::kBlock];
    for (size_t start = 0; start < count; start += dictionary_internal::kBlock) {
      const size_t n = std::min(dictionary_internal::kBlock, count - start);
      for (size_t i = 0; i < n; ++i) {
        positions[i] = Position(BitsOf(values[start + i]));
        __builtin_prefetch(&slots_[positions[i]]);
      }
      const size_t capacity = slots_.size();
      for (size_t i = 0; i < n; ++i) {
        const T v = values[start + i];
        // A Grow() inside the block moves every slot: then the position is recomputed.
        indices[start + i] = Insert(v, slots_.size() == capacity ? positions[i] : Position(BitsOf(v)));
      }
    }
  }

  size_t size() const { return values_.size(); }
  const std::vector<T>& values() const { return values_; }
  size_t plain_bytes() const { return values_.size() * sizeof(T); }
  size_t memory_bytes() const { return values_.size() * sizeof(T) + slots_.size() * sizeof(Slot); }

  void Clear() {
    values_.clear();
    slots_.assign(dictionary_internal::kInitialSlots, Slot{});
    SetCapacity(dictionary_internal::kInitialSlots);
  }

 private:
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  struct Slot {
    Bits bits = 0;
    uint32_t id_plus_one = 0;  // 0: empty
  };

  static Bits BitsOf(T value) {
    Bits bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    return bits;
  }
  size_t Position(Bits bits) const {
    return static_cast<size_t>((static_cast<uint64_t>(bits) * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void SetCapacity(size_t capacity) {
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(capacity);
  }

  // Probes from `pos`, the value's home slot.
  uint32_t Insert(T value, size_t pos) {
    const Bits bits = BitsOf(value);
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id_plus_one == 0) {
        const uint32_t id = static_cast<uint32_t>(values_.size());
        slot = Slot{bits, id + 1};
        values_.push_back(value);
        if (values_.size() * 2 > slots_.size()) Grow();
        return id;
      }
      // The key lives in the slot: one cache miss per lookup, not two.
      if (slot.bits == bits) return slot.id_plus_one - 1;
      pos = (pos + 1) & mask_;
    }
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    SetCapacity(slots_.size());
    for (const Slot& s : old) {
      if (s.id_plus_one == 0) continue;
      size_t pos = Position(s.bits);
      while (slots_[pos].id_plus_one != 0) pos = (pos + 1) & mask_;
      slots_[pos] = s;
    }
  }

  std::vector<T> values_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 0;
};

class ByteArrayDictionary {
 public:
  ByteArrayDictionary() { Clear(); }

  // Writes the index of each of the `count` PLAIN-encoded values in `plain` to indices[0,
  // count), adding new values.
  void InsertBatch(std::string_view plain, size_t count, uint32_t* indices);

  std::string_view Get(uint32_t id) const {
    uint32_t length;
    std::memcpy(&length, plain_.data() + starts_[id] - 4, 4);
    return std::string_view(plain_.data() + starts_[id], length);
  }
  size_t size() const { return starts_.size(); }
  // The dictionary page body: every entry PLAIN-encoded, in id order.
  const std::string& plain() const { return plain_; }
  size_t plain_bytes() const { return plain_.size(); }
  size_t memory_bytes() const {
    return plain_.size() + starts_.size() * sizeof(size_t) + slots_.size() * sizeof(Slot);
  }

  void Clear() {
    plain_.clear();
    starts_.clear();
    slots_.assign(dictionary_internal::kInitialSlots, Slot{});
    mask_ = dictionary_internal::kInitialSlots - 1;
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t id_plus_one = 0;  // 0: empty
  };
  // Eight bytes at a time, multiply-mixed; the final mix spreads every input bit over the
  // low bits that pick the slot.
  static uint32_t Hash(std::string_view v) {
    constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    uint64_t h = v.size() * kMultiplier;
    const char* p = v.data();
    size_t left = v.size();
    for (; left >= 8; left -= 8, p += 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      h = std::rotl((h ^ word) * kMultiplier, 29);
    }
    if (left > 0) {
      // The last 1-7 bytes as one little-endian word, from fixed-size loads (a memcpy of a
      // variable length would be a library call per value).
      uint64_t word;
      if (left >= 4) {
        uint32_t low, high;
        std::memcpy(&low, p, 4);
        std::memcpy(&high, p + left - 4, 4);
        word = low | (uint64_t{high} << (8 * (left - 4)));
      } else {
        word = uint64_t{static_cast<uint8_t>(p[0])} |
               uint64_t{static_cast<uint8_t>(p[left / 2])} << (8 * (left / 2)) |
               uint64_t{static_cast<uint8_t>(p[left - 1])} << (8 * (left - 1));
      }
      h = std::rotl((h ^ word) * kMultiplier, 29);
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return static_cast<uint32_t>(h);
  }
  // `prefixed`: a value PLAIN-encoded (4-byte length, then the bytes).
  uint32_t Insert(const char* prefixed, uint32_t hash);
  void Grow();

  std::string plain_;
  std::vector<size_t> starts_;  // offset of each entry's bytes (after its length prefix)
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace tributary::parquet
