// BinlogEvent: one raw binlog event (v4 format) as the server sent it, with its parsed
// common header. The event body is borrowed from the client's buffer and valid until the
// next fetch.
//
// Spec: MariaDB KB "Binlog Event Header" and "Binlog Event Checksum"
// (https://mariadb.com/kb/en/2-binlog-event-header/), MySQL internals "Binlog Event Header"
// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html).
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace tributary::mysql {

// Event type codes (MySQL and MariaDB share the low numbers; MariaDB's start at 160).
enum class EventType : uint8_t {
  kUnknown = 0,
  kQuery = 2,
  kStop = 3,
  kRotate = 4,
  kIntvar = 5,
  kRand = 13,
  kUserVar = 14,
  kFormatDescription = 15,
  kXid = 16,
  kTableMap = 19,
  kWriteRowsV1 = 23,
  kUpdateRowsV1 = 24,
  kDeleteRowsV1 = 25,
  kHeartbeat = 27,
  kWriteRowsV2 = 30,
  kUpdateRowsV2 = 31,
  kDeleteRowsV2 = 32,
  kMysqlGtid = 33,
  kMysqlAnonymousGtid = 34,
  kMysqlPreviousGtids = 35,
  kMariaAnnotateRows = 160,
  kMariaBinlogCheckpoint = 161,
  kMariaGtid = 162,
  kMariaGtidList = 163,
  kMariaStartEncryption = 164,
  kMariaQueryCompressed = 165,
  kMariaWriteRowsCompressedV1 = 169,
  kMariaUpdateRowsCompressedV1 = 170,
  kMariaDeleteRowsCompressedV1 = 171,
};

inline constexpr size_t kEventHeaderSize = 19;
inline constexpr size_t kChecksumSize = 4;
// Set on events the server makes up for the dump stream (the first ROTATE, for example).
inline constexpr uint16_t kArtificialEventFlag = 0x20;

struct EventHeader {
  uint32_t timestamp = 0;  // seconds since the epoch, when the statement started
  EventType type = EventType::kUnknown;
  uint32_t server_id = 0;
  uint32_t event_size = 0;  // header + body + checksum
  uint32_t next_position = 0;  // position of the next event in the binlog file (0: artificial)
  uint16_t flags = 0;

  // Where this event starts in its binlog file.
  uint32_t position() const {
    return next_position >= event_size ? next_position - event_size : 0;
  }
  bool artificial() const { return (flags & kArtificialEventFlag) != 0 || next_position == 0; }
};

struct BinlogEvent {
  EventHeader header;
  std::string_view body;  // after the header, without the checksum
};

// Parses the header of `bytes` (one whole event). When `has_checksum`, verifies the CRC32
// trailer (unless `verify_checksum` is false: the caller checked it already) and strips it from
// the body. Corruption names the event position and what is wrong.
Result<BinlogEvent> ParseBinlogEvent(std::string_view bytes, bool has_checksum,
                                     bool verify_checksum = true);

// True for the row events (v1, v2 and MariaDB's compressed ones).
bool IsRowsEvent(EventType type);

}  // namespace tributary::mysql
