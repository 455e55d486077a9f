#include "mysql/rows_event.h"

namespace tributary::mysql {
namespace {

bool BitSet(std::string_view bitmap, size_t i) {
  return (static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1;
}

}  // namespace

Result<RowsEvent> RowsEvent::Parse(const BinlogEvent& event, uint8_t post_header_length) {
  RowsEvent rows;
  rows.position_ = event.header.position();
  switch (event.header.type) {
    case EventType::kWriteRowsV1: case EventType::kWriteRowsV2:
      rows.kind_ = RowsKind::kWrite;
      break;
    case EventType::kUpdateRowsV1: case EventType::kUpdateRowsV2:
      rows.kind_ = RowsKind::kUpdate;
      break;
    case EventType::kDeleteRowsV1: case EventType::kDeleteRowsV2:
      rows.kind_ = RowsKind::kDelete;
      break;
    case EventType::kMariaWriteRowsCompressedV1:
    case EventType::kMariaUpdateRowsCompressedV1:
    case EventType::kMariaDeleteRowsCompressedV1:
      return Status::NotSupported(
          "compressed row event at binlog position {}: set log_bin_compress=OFF on the server",
          rows.position_);
    default:
      return Status::InvalidArgument("binlog event type {} is not a row event",
                                     static_cast<int>(event.header.type));
  }
  ByteReader r(event.body);
  rows.table_id_ = post_header_length == 6 ? r.U32() : r.U48();
  r.U16();  // flags
  if (post_header_length == 10) {  // v2: extra data, length includes its own 2 bytes
    uint16_t extra = r.U16();
    if (extra >= 2) r.Skip(extra - 2);
  }
  rows.column_count_ = r.LenEnc();
  size_t bitmap_bytes = (rows.column_count_ + 7) / 8;
  rows.present_before_ = r.Bytes(bitmap_bytes);
  rows.present_after_ = rows.present_before_;
  if (rows.kind_ == RowsKind::kUpdate) rows.present_after_ = r.Bytes(bitmap_bytes);
  if (!r.ok()) {
    return Status::Corruption("row event at binlog position {} is truncated at byte {}",
                              rows.position_, r.failed_at());
  }
  rows.rows_ = ByteReader(r.Rest());
  for (size_t i = 0; i < rows.column_count_; ++i) {
    rows.present_before_count_ += BitSet(rows.present_before_, i);
    rows.present_after_count_ += BitSet(rows.present_after_, i);
  }
  return rows;
}

Status RowsEvent::ReadImage(const std::vector<ColumnCodec>& codecs, std::string_view present,
                            size_t present_count, std::vector<data::Value>* out) {
  std::string_view nulls = rows_.Bytes((present_count + 7) / 8);
  if (!rows_.ok()) {
    return Status::Corruption("row event at binlog position {}: null bitmap truncated",
                              position_);
  }
  if (out) out->resize(column_count_);
  size_t present_index = 0;
  data::Value scratch;
  for (size_t i = 0; i < column_count_; ++i) {
    data::Value& slot = out ? (*out)[i] : scratch;
    if (!BitSet(present, i)) {
      slot = data::Value();
      continue;
    }
    bool is_null = BitSet(nulls, present_index++);
    if (is_null) {
      slot = data::Value();
      continue;
    }
    Status s = codecs[i].DecodeBinlog(rows_, &slot);
    if (!s.ok()) return s.Annotate(fmt::format("row event at binlog position {}", position_));
  }
  return Status::OK();
}

Status RowsEvent::NextRow(const std::vector<ColumnCodec>& codecs,
                          std::vector<data::Value>* before, std::vector<data::Value>* after) {
  if (codecs.size() != column_count_) {
    return Status::Corruption(
        "row event at binlog position {} has {} columns but its table map has {}", position_,
        column_count_, codecs.size());
  }
  switch (kind_) {
    case RowsKind::kWrite:
      return ReadImage(codecs, present_after_, present_after_count_, after);
    case RowsKind::kDelete:
      return ReadImage(codecs, present_before_, present_before_count_, before);
    case RowsKind::kUpdate:
      TRIB_RETURN_IF_ERROR(ReadImage(codecs, present_before_, present_before_count_, before));
      return ReadImage(codecs, present_after_, present_after_count_, after);
  }
  return Status::OK();
}

Status RowsEvent::SkipRow(const std::vector<ColumnCodec>& codecs) {
  return NextRow(codecs, nullptr, nullptr);
}

}  // namespace tributary::mysql
