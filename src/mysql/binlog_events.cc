#include "mysql/binlog_events.h"

#include "mysql/byte_reader.h"

namespace tributary::mysql {
namespace {

Status Truncated(const BinlogEvent& event, std::string_view what, const ByteReader& r) {
  return Status::Corruption("{} at binlog position {} is truncated at body byte {}", what,
                            event.header.position(), r.failed_at());
}

}  // namespace

uint8_t FormatDescriptionEvent::PostHeaderLength(EventType type) const {
  size_t index = static_cast<size_t>(type) - 1;
  return index < post_header_lengths.size() ? post_header_lengths[index] : 0;
}

Result<FormatDescriptionEvent> FormatDescriptionEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  FormatDescriptionEvent fde;
  fde.binlog_version = r.U16();
  std::string_view version = r.Bytes(50);
  fde.server_version = std::string(version.substr(0, version.find('\0')));
  r.U32();  // creation timestamp
  fde.header_length = r.U8();
  if (!r.ok()) return Truncated(event, "FORMAT_DESCRIPTION_EVENT", r);
  // The remaining bytes are the post-header lengths and, since MySQL 5.6.1 / MariaDB 5.3,
  // one checksum-algorithm byte (the CRC itself was stripped with the header parse).
  std::string_view rest = r.Rest();
  if (rest.empty()) return Truncated(event, "FORMAT_DESCRIPTION_EVENT", r);
  fde.checksum_algorithm = static_cast<uint8_t>(rest.back());
  rest.remove_suffix(1);
  fde.post_header_lengths.assign(rest.begin(), rest.end());
  return fde;
}

Result<RotateEvent> RotateEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  RotateEvent rotate;
  rotate.position = r.U64();
  rotate.file = std::string(r.Rest());
  if (!r.ok()) return Truncated(event, "ROTATE_EVENT", r);
  return rotate;
}

Result<QueryEvent> QueryEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  QueryEvent q;
  q.thread_id = r.U32();
  q.exec_time = r.U32();
  uint8_t db_length = r.U8();
  q.error_code = r.U16();
  uint16_t status_length = r.U16();
  r.Skip(status_length);
  q.database = std::string(r.Bytes(db_length));
  r.Skip(1);  // NUL after the database name
  q.query = std::string(r.Rest());
  if (!r.ok()) return Truncated(event, "QUERY_EVENT", r);
  return q;
}

Result<XidEvent> XidEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  XidEvent x;
  x.xid = r.U64();
  if (!r.ok()) return Truncated(event, "XID_EVENT", r);
  return x;
}

std::string MariaGtid::ToString() const {
  return fmt::format("{}-{}-{}", domain_id, server_id, sequence);
}

Result<GtidEvent> GtidEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  GtidEvent g;
  g.gtid.sequence = r.U64();
  g.gtid.domain_id = r.U32();
  g.flags = r.U8();
  g.gtid.server_id = event.header.server_id;
  if (!r.ok()) return Truncated(event, "GTID_EVENT", r);
  return g;
}

Result<GtidListEvent> GtidListEvent::Parse(const BinlogEvent& event) {
  ByteReader r(event.body);
  GtidListEvent list;
  uint32_t count = r.U32() & 0x0fffffff;  // the top 4 bits are flags
  if (!r.ok() || count > r.remaining() / 16) return Truncated(event, "GTID_LIST_EVENT", r);
  list.gtids.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    MariaGtid g;
    g.domain_id = r.U32();
    g.server_id = r.U32();
    g.sequence = r.U64();
    list.gtids.push_back(g);
  }
  if (!r.ok()) return Truncated(event, "GTID_LIST_EVENT", r);
  return list;
}

}  // namespace tributary::mysql
