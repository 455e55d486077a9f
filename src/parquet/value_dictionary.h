// Dictionaries of the distinct values of one column chunk, in first-seen order, for
// dictionary encoding: a value's index is its position in the PLAIN dictionary page.
//
//   FixedWidthDictionary<T>  int32, int64, float, double (keyed by bit pattern, so -0.0 and
//                            +0.0, and NaNs of different payloads, stay distinct)
//   ByteArrayDictionary      BYTE_ARRAY values, kept PLAIN-encoded (length-prefixed)
//
// Both use an open-addressing hash index of entry ids, so inserting allocates only when the
// dictionary grows. Truncate() forgets the newest entries (to undo a rejected row).
//
// Thread-safety: not thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tributary::parquet {

// Open-addressing hash set of entry ids; the entries themselves live in the dictionary.
class DictionaryIndex {
 public:
  DictionaryIndex() { Reset(); }

  // Returns the id of the entry with this hash for which is_equal(id) holds; otherwise
  // records `new_id` under this hash and returns it.
  template <typename IsEqual>
  uint32_t FindOrInsert(uint32_t hash, uint32_t new_id, IsEqual&& is_equal) {
    size_t pos = hash & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.id_plus_one == 0) {
        slot = Slot{new_id + 1, hash};
        if (++size_ * 2 > slots_.size()) Grow();
        return new_id;
      }
      if (slot.hash == hash && is_equal(slot.id_plus_one - 1)) return slot.id_plus_one - 1;
      pos = (pos + 1) & mask_;
    }
  }

  // Forgets every id >= keep.
  void Truncate(uint32_t keep) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size(), Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.id_plus_one != 0 && s.id_plus_one - 1 < keep) Place(s);
  }

  void Reset() {
    slots_.assign(kInitialSlots, Slot{});
    mask_ = kInitialSlots - 1;
    size_ = 0;
  }

  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t id_plus_one = 0;  // 0: empty
    uint32_t hash = 0;
  };
  static constexpr size_t kInitialSlots = 64;

  void Place(const Slot& s) {
    size_t pos = s.hash & mask_;
    while (slots_[pos].id_plus_one != 0) pos = (pos + 1) & mask_;
    slots_[pos] = s;
    ++size_;
  }
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.id_plus_one != 0) Place(s);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

template <typename T>
class FixedWidthDictionary {
 public:
  uint32_t Insert(T value) {
    Bits bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    const uint32_t hash = static_cast<uint32_t>((static_cast<uint64_t>(bits) * 0x9E3779B97F4A7C15ull) >> 32);
    const uint32_t id = index_.FindOrInsert(hash, static_cast<uint32_t>(values_.size()),
                                            [&](uint32_t existing) {
                                              return std::memcmp(&values_[existing], &value,
                                                                 sizeof(T)) == 0;
                                            });
    if (id == values_.size()) values_.push_back(value);
    return id;
  }

  size_t size() const { return values_.size(); }
  const std::vector<T>& values() const { return values_; }
  size_t plain_bytes() const { return values_.size() * sizeof(T); }
  size_t memory_bytes() const { return values_.capacity() * sizeof(T) + index_.memory_bytes(); }

  void Truncate(size_t keep) {
    values_.resize(keep);
    index_.Truncate(static_cast<uint32_t>(keep));
  }
  void Clear() {
    values_.clear();
    index_.Reset();
  }

 private:
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  std::vector<T> values_;
  DictionaryIndex index_;
};

class ByteArrayDictionary {
 public:
  uint32_t Insert(std::string_view value) {
    const uint64_t h = std::hash<std::string_view>{}(value);
    const uint32_t hash = static_cast<uint32_t>(h ^ (h >> 32));
    const uint32_t id = index_.FindOrInsert(hash, static_cast<uint32_t>(starts_.size()),
                                            [&](uint32_t existing) { return Get(existing) == value; });
    if (id == starts_.size()) {
      const uint32_t length = static_cast<uint32_t>(value.size());
      char prefix[4];
      std::memcpy(prefix, &length, 4);  // little-endian hosts only (checked in the writer)
      plain_.append(prefix, 4);
      starts_.push_back(plain_.size());
      plain_.append(value);
    }
    return id;
  }

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
    return plain_.capacity() + starts_.capacity() * sizeof(size_t) + index_.memory_bytes();
  }

  void Truncate(size_t keep) {
    if (keep < starts_.size()) plain_.resize(starts_[keep] - 4);
    starts_.resize(keep);
    index_.Truncate(static_cast<uint32_t>(keep));
  }
  void Clear() {
    plain_.clear();
    starts_.clear();
    index_.Reset();
  }

 private:
  std::string plain_;
  std::vector<size_t> starts_;  // offset of each entry's bytes (after its length prefix)
  DictionaryIndex index_;
};

}  // namespace tributary::parquet
