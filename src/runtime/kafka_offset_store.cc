#include "runtime/kafka_offset_store.h"

#include <spdlog/spdlog.h>

namespace tributary::runtime {

using std::chrono::milliseconds;
using Json = nlohmann::json;

Result<std::unique_ptr<KafkaOffsetStore>> KafkaOffsetStore::Open(KafkaLog::Options options) {
  std::unique_ptr<KafkaOffsetStore> store(new KafkaOffsetStore());
  KafkaOffsetStore* self = store.get();
  TRIB_ASSIGN_OR_RETURN(store->log_, KafkaLog::OpenAndRead(std::move(options),
                                                           [self](const kafka::ConsumedMessage& m) {
                                                             self->Apply(m);
                                                           }));
  return store;
}

void KafkaOffsetStore::Apply(const kafka::ConsumedMessage& m) {
  if (!m.key) return;
  Json key = Json::parse(*m.key, nullptr, /*allow_exceptions=*/false);
  if (key.is_discarded() || !key.is_array() || key.size() != 2 || !key[0].is_string()) {
    spdlog::warn("offset topic: ignoring a record at offset {} whose key is not "
                 "[\"<connector>\",{{partition}}]",
                 m.offset);
    return;
  }
  std::lock_guard lock(mutex_);
  auto& offsets = offsets_[key[0].get<std::string>()];
  if (!m.value) {
    offsets.erase(key[1].dump());
    return;
  }
  Json value = Json::parse(*m.value, nullptr, /*allow_exceptions=*/false);
  if (!value.is_discarded()) offsets[key[1].dump()] = std::move(value);
}

std::map<std::string, Json> KafkaOffsetStore::SourceOffsets(const std::string& connector) const {
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(connector);
  return it == offsets_.end() ? std::map<std::string, Json>{} : it->second;
}

std::string KafkaOffsetStore::RecordKey(const std::string& connector, const Json& partition) {
  return Json::array({connector, partition}).dump();
}

std::string KafkaOffsetStore::RecordValue(const Json& offset) { return offset.dump(); }

void KafkaOffsetStore::SetSourceOffset(const std::string& connector, const Json& partition,
                                       const Json& offset) {
  NoteCommitted(connector, partition, offset);
  unsaved_.emplace_back(RecordKey(connector, partition), RecordValue(offset));
}

void KafkaOffsetStore::NoteCommitted(const std::string& connector, const Json& partition,
                                     const Json& offset) {
  std::lock_guard lock(mutex_);
  offsets_[connector][partition.dump()] = offset;
}

Status KafkaOffsetStore::Save() {
  for (const auto& [key, value] : unsaved_) TRIB_RETURN_IF_ERROR(log_->Append(key, value));
  unsaved_.clear();
  return log_->Flush();
}

Status KafkaOffsetStore::CatchUp() { return log_->ReadToEnd(milliseconds(60000)); }

}  // namespace tributary::runtime
