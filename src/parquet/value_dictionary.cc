#include "parquet/value_dictionary.h"

namespace tributary::parquet {

void ByteArrayDictionary::InsertBatch(std::string_view plain, size_t count, uint32_t* indices) {
  std::string_view values[dictionary_internal::kBlock];
  uint32_t hashes[dictionary_internal::kBlock];
  size_t at = 0;
  for (size_t start = 0; start < count; start += dictionary_internal::kBlock) {
    const size_t n = std::min(dictionary_internal::kBlock, count - start);
    for (size_t i = 0; i < n; ++i) {
      uint32_t length;
      std::memcpy(&length, plain.data() + at, 4);
      values[i] = plain.substr(at + 4, length);
      at += 4 + length;
      hashes[i] = Hash(values[i]);
      __builtin_prefetch(&slots_[hashes[i] & mask_]);
    }
    for (size_t i = 0; i < n; ++i) indices[start + i] = Insert(values[i], hashes[i]);
  }
}

uint32_t ByteArrayDictionary::Insert(std::string_view value, uint32_t hash) {
  size_t pos = hash & mask_;
  while (true) {
    Slot& slot = slots_[pos];
    if (slot.id_plus_one == 0) {
      const uint32_t id = static_cast<uint32_t>(starts_.size());
      slot = Slot{hash, id + 1};
      const uint32_t length = static_cast<uint32_t>(value.size());
      char prefix[4];
      std::memcpy(prefix, &length, 4);
      plain_.append(prefix, 4);
      starts_.push_back(plain_.size());
      plain_.append(value);
      if (starts_.size() * 2 > slots_.size()) Grow();
      return id;
    }
    if (slot.hash == hash && Get(slot.id_plus_one - 1) == value) return slot.id_plus_one - 1;
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
