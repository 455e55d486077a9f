#include "mysql/binlog_event.h"

#include <zlib.h>

#include "mysql/byte_reader.h"

namespace tributary::mysql {

Result<BinlogEvent> ParseBinlogEvent(std::string_view bytes, bool has_checksum,
                                     bool verify_checksum) {
  ByteReader r(bytes);
  BinlogEvent event;
  EventHeader& h = event.header;
  h.timestamp = r.U32();
  h.type = static_cast<EventType>(r.U8());
  h.server_id = r.U32();
  h.event_size = r.U32();
  h.next_position = r.U32();
  h.flags = r.U16();
  if (!r.ok()) {
    return Status::Corruption("binlog event of {} bytes is shorter than its 19-byte header",
                              bytes.size());
  }
  if (h.event_size != bytes.size()) {
    return Status::Corruption(
        "binlog event at position {} (type {}) declares {} bytes but {} arrived",
        h.position(), static_cast<int>(h.type), h.event_size, bytes.size());
  }
  size_t body_end = bytes.size();
  if (has_checksum) {
    if (bytes.size() < kEventHeaderSize + kChecksumSize) {
      return Status::Corruption("binlog event at position {} is too short for its checksum",
                                h.position());
    }
    body_end -= kChecksumSize;
  }
  if (has_checksum && verify_checksum) {
    ByteReader trailer(bytes.substr(body_end));
    uint32_t expected = trailer.U32();
    uint32_t actual = static_cast<uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(body_end)));
    if (expected != actual) {
      return Status::Corruption(
          "binlog event at position {} (type {}) fails its CRC32 check: stored {:08x}, "
          "computed {:08x}",
          h.position(), static_cast<int>(h.type), expected, actual);
    }
  }
  event.body = bytes.substr(kEventHeaderSize, body_end - kEventHeaderSize);
  return event;
}

bool IsRowsEvent(EventType type) {
  switch (type) {
    case EventType::kWriteRowsV1:
    case EventType::kUpdateRowsV1:
    case EventType::kDeleteRowsV1:
    case EventType::kWriteRowsV2:
    case EventType::kUpdateRowsV2:
    case EventType::kDeleteRowsV2:
    case EventType::kMariaWriteRowsCompressedV1:
    case EventType::kMariaUpdateRowsCompressedV1:
    case EventType::kMariaDeleteRowsCompressedV1:
      return true;
    default:
      return false;
  }
}

}  // namespace tributary::mysql
