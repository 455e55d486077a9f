// WRITE_ROWS / UPDATE_ROWS / DELETE_ROWS events (v1 and v2): the row images of one table,
// decoded column by column through the table's ColumnCodecs.
//
// Spec: https://mariadb.com/kb/en/rows_event_v1v2-rows_compressed_event_v1/ and MySQL's
// https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Rows__event.html
// MariaDB's compressed row events (log_bin_compress=ON) are rejected with a clear error.
//
// Thread-safety: a RowsEvent borrows the event bytes; use from one thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "data/value.h"
#include "mysql/binlog_event.h"
#include "mysql/byte_reader.h"
#include "mysql/column_codec.h"

namespace tributary::mysql {

enum class RowsKind { kWrite, kUpdate, kDelete };

class RowsEvent {
 public:
  // `post_header_length` from the FORMAT_DESCRIPTION_EVENT for this event type.
  static Result<RowsEvent> Parse(const BinlogEvent& event, uint8_t post_header_length);

  uint64_t table_id() const { return table_id_; }
  RowsKind kind() const { return kind_; }
  uint64_t column_count() const { return column_count_; }
  bool has_more_rows() const { return rows_.remaining() > 0; }

  // Decodes the next row: for updates both images, otherwise `after` (write) or `before`
  // (delete). Each image gets one Value per column (null for absent columns). `codecs` must
  // have column_count() entries.
  Status NextRow(const std::vector<ColumnCodec>& codecs, std::vector<data::Value>* before,
                 std::vector<data::Value>* after);
  // Skips the next row without building values (to resume inside an event).
  Status SkipRow(const std::vector<ColumnCodec>& codecs);

 private:
  Status ReadImage(const std::vector<ColumnCodec>& codecs, std::string_view present,
                   size_t present_count, std::vector<data::Value>* out);

  uint64_t table_id_ = 0;
  RowsKind kind_ = RowsKind::kWrite;
  uint64_t column_count_ = 0;
  std::string_view present_before_;  // columns present in the before image (bitmap)
  std::string_view present_after_;
  size_t present_before_count_ = 0;  // set bits of present_before_ (same for every row)
  size_t present_after_count_ = 0;
  ByteReader rows_;
  uint32_t position_ = 0;
};

}  // namespace tributary::mysql
