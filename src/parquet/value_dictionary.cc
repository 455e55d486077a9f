#include "parquet/value_dictionary.h"

namespace tributary::parquet {

void ByteArrayDictionary::InsertBatch(std::string_view plain, size_t count, uint32_t* indices) {
  const char* values[dictionary_internal::kBlock];  // each value's length prefix
  uint32_t hashes[dictionary_internal::kBlock];
  const char* at = plain.data();
  for (size_t start = 0; start < count; start += dictionary_internal::kBlock) {
    const size_t n = std::min(dictionary_internal::kBlock, count - start);
    for (size_t i = 0; i < n; ++i) {
      uint32_t length;
      std::memcpy(&length, at, 4);
      values[i] = at;
      hashes[i] = Hash(std::string_view(at + 4, length));
      __builtin_prefetch(&slots_[hashes[i] & mask_]);
      at += 4 + length;
    }
    for (size_t i = 0; i < n; ++i) indices[start + i] = Insert(values[i], hashes[i]);
  }
}

namespace {

// Equal bytes of equal length, eight at a time: dictionary values are mostly short, where a
// library call per comparison would dominate.
bool SameBytes(const char* a, const char* b, size_t length) {
  if (length < 8) {
    for (size_t i = 0; i < length; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  uint64_t x, y;
  for (size_t i = 0; i + 8 < length; i += 8) {
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return false;
  }
  // The last eight bytes, overlapping the words before.
  std::memcpy(&x, a + length - 8, 8);
  std::memcpy(&y, b + length - 8, 8);
  return x == y;
}

}  // namespace

uint32_t ByteArrayDictionary::Insert(const char* prefixed, uint32_t hash) {
  uint32_t length;
  std::memcpy(&length, prefixed, 4);
  size_t pos = hash & mask_;
  while (true) {
    Slot& slot = slots_[pos];
    if (slot.id_plus_one == 0) {
      const uint32_t id = static_cast<uint32_t>(starts_.size());
      slot = Slot{hash, id + 1};
      starts_.push_back(plain_.size() + 4);
      plain_.append(prefixed, 4 + length);  // the length prefix, then the bytes
      if (starts_.size() * 2 > slots_.size()) Grow();
      return id;
    }
    if (slot.hash == hash) {
      const char* entry = plain_.data() + starts_[slot.id_plus_one - 1];
      uint32_t entry_length;
      std::memcpy(&entry_length, entry - 4, 4);
      if (entry_length == length && SameBytes(entry, prefixed + 4, length)) {
        return slot.id_plus_one - 1;
      }
    }
    pos = (pos + 1) & mask_;
  }
}

void ByteArrayDictionary::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id_plus_one == 0) continue;
    size_t pos = s.hash & mask_;
    while (slots_[pos].id_plus_one != 0) pos = (pos + 1) & mask_;
    slots_[pos] = s;
  }
}

}  // namespace tributary::parquet
