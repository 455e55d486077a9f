#include "runtime/kafka_source_transaction.h"

#include <spdlog/spdlog.h>

#include "runtime/kafka_headers.h"
#include "runtime/kafka_offset_store.h"

namespace tributary::runtime {

using std::chrono::milliseconds;

Result<std::unique_ptr<SourceTransaction>> KafkaSourceTransaction::Create(Options options) {
  std::unique_ptr<KafkaSourceTransaction> t(new KafkaSourceTransaction(std::move(options)));
  auto config = t->o_.producer_config;
  config["transactional.id"] = t->o_.transactional_id;
  TRIB_ASSIGN_OR_RETURN(t->producer_, kafka::Producer::Create(config));
  TRIB_RETURN_IF_ERROR(t->o_.ensure_topic(t->o_.offset_topic));
  TRIB_RETURN_IF_ERROR(t->producer_->InitTransactions(milliseconds(60000))
                           .Annotate(fmt::format("transactional.id '{}': fencing older producers",
                                                 t->o_.transactional_id)));
  return std::unique_ptr<SourceTransaction>(std::move(t));
}

Status KafkaSourceTransaction::EnsureBegun() {
  if (open_) return Status::OK();
  TRIB_RETURN_IF_ERROR(producer_->BeginTransaction());
  open_ = true;
  sent_ = 0;
  return Status::OK();
}

Result<TopicSequence> KafkaSourceTransaction::Send(WireRecord record) {
  TRIB_RETURN_IF_ERROR(o_.ensure_topic(record.topic));
  TRIB_RETURN_IF_ERROR(EnsureBegun());
  std::optional<std::string_view> key, value;
  if (record.key) key = *record.key;
  if (record.value) value = *record.value;
  TRIB_RETURN_IF_ERROR(producer_->Produce(
      record.topic, record.partition < 0 ? kafka::kAnyPartition : record.partition, key, value,
      ToKafkaHeaders(record.headers), record.timestamp_ms > 0 ? record.timestamp_ms : 0));
  // The records of a transaction become durable together, at Commit: no per-record position.
  return TopicSequence{"", 0, sent_++};
}

Status KafkaSourceTransaction::SendToDeadLetterQueue(const std::string& dlq_topic,
                                                     const std::string& connector,
                                                     const data::Record& record,
                                                     const Status& error) {
  TRIB_RETURN_IF_ERROR(o_.ensure_topic(dlq_topic));
  TRIB_RETURN_IF_ERROR(EnsureBegun());
  SourceDeadLetter letter = MakeSourceDeadLetter(connector, record, error);
  return producer_->Produce(dlq_topic, kafka::kAnyPartition, letter.key, letter.value,
                            letter.headers);
}

Status KafkaSourceTransaction::Commit(const std::vector<CommitTracker::Committable>& offsets) {
  if (offsets.empty() && !open_) return Status::OK();
  TRIB_RETURN_IF_ERROR(EnsureBegun());
  for (const auto& c : offsets) {
    std::string key = KafkaOffsetStore::RecordKey(c.connector, c.source_partition);
    std::string value = KafkaOffsetStore::RecordValue(c.source_offset);
    TRIB_RETURN_IF_ERROR(producer_->Produce(o_.offset_topic, kafka::kAnyPartition, key, value));
  }
  TRIB_RETURN_IF_ERROR(producer_->CommitTransaction(milliseconds(60000))
                           .Annotate(fmt::format("transactional.id '{}': committing {} records "
                                                 "and their offsets",
                                                 o_.transactional_id, sent_)));
  open_ = false;
  return Status::OK();
}

Status KafkaSourceTransaction::Abort() {
  if (!open_) return Status::OK();
  open_ = false;
  spdlog::warn("transactional.id '{}': aborting a transaction of {} records", o_.transactional_id,
               sent_);
  return producer_->AbortTransaction(milliseconds(60000))
      .Annotate(fmt::format("transactional.id '{}'", o_.transactional_id));
}

}  // namespace tributary::runtime
