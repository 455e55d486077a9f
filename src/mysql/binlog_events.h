// Parsers for the small control events of the binlog: each struct holds one event's fields
// and a static Parse(const BinlogEvent&) that checks lengths and reports Corruption naming
// the event position. The row-carrying events have their own files (table_map_event.h,
// rows_event.h).
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "mysql/binlog_event.h"

namespace tributary::mysql {

// FORMAT_DESCRIPTION_EVENT: the first event of every binlog file.
// Spec: https://mariadb.com/kb/en/format_description_event/
struct FormatDescriptionEvent {
  uint16_t binlog_version = 0;
  std::string server_version;
  uint8_t header_length = 0;
  std::vector<uint8_t> post_header_lengths;  // index = event type - 1
  uint8_t checksum_algorithm = 0;  // 0 none, 1 CRC32

  // The post-header length of `type` (0 if the server did not list it).
  uint8_t PostHeaderLength(EventType type) const;
  static Result<FormatDescriptionEvent> Parse(const BinlogEvent& event);
};

// ROTATE_EVENT: the binlog continues in another file at `position`.
// Spec: https://mariadb.com/kb/en/rotate_event/
struct RotateEvent {
  uint64_t position = 0;
  std::string file;
  static Result<RotateEvent> Parse(const BinlogEvent& event);
};

// QUERY_EVENT: a statement in text (BEGIN, COMMIT of non-transactional groups, and DDL).
// Spec: https://mariadb.com/kb/en/query_event/
struct QueryEvent {
  uint32_t thread_id = 0;
  uint32_t exec_time = 0;
  uint16_t error_code = 0;
  std::string database;  // the default database of the session
  std::string query;
  static Result<QueryEvent> Parse(const BinlogEvent& event);
};

// XID_EVENT: commit of a transaction on a transactional engine.
// Spec: https://mariadb.com/kb/en/xid_event/
struct XidEvent {
  uint64_t xid = 0;
  static Result<XidEvent> Parse(const BinlogEvent& event);
};

// A MariaDB GTID: domain-server-sequence.
struct MariaGtid {
  uint32_t domain_id = 0;
  uint32_t server_id = 0;
  uint64_t sequence = 0;
  std::string ToString() const;  // "0-1-42"
};

// MariaDB GTID_EVENT: starts an event group (a transaction or a standalone DDL).
// Spec: https://mariadb.com/kb/en/gtid_event/
struct GtidEvent {
  MariaGtid gtid;
  uint8_t flags = 0;
  bool standalone() const { return (flags & 0x01) != 0; }  // no BEGIN/COMMIT follows
  static Result<GtidEvent> Parse(const BinlogEvent& event);
};

// MariaDB GTID_LIST_EVENT: the GTID state at the start of a binlog file.
// Spec: https://mariadb.com/kb/en/gtid_list_event/
struct GtidListEvent {
  std::vector<MariaGtid> gtids;
  static Result<GtidListEvent> Parse(const BinlogEvent& event);
};

}  // namespace tributary::mysql
