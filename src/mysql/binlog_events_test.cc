// Event parsers on hand-built events (layouts from the MariaDB KB replication protocol pages).
#include <gtest/gtest.h>
#include <zlib.h>

#include "mysql/binlog_events.h"
#include "mysql/rows_event.h"
#include "mysql/table_map_event.h"

namespace tributary::mysql {
namespace {

namespace ct = column_type;

void Put(std::string& s, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}

// A whole event: 19-byte header, body, CRC32 trailer.
std::string Event(EventType type, const std::string& body, uint32_t position = 1000) {
  std::string e;
  uint32_t size = static_cast<uint32_t>(19 + body.size() + 4);
  Put(e, 1700000000, 4);
  e += static_cast<char>(type);
  Put(e, 1, 4);
  Put(e, size, 4);
  Put(e, position + size, 4);
  Put(e, 0, 2);
  e += body;
  uint32_t crc = static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(e.data()), static_cast<uInt>(e.size())));
  Put(e, crc, 4);
  return e;
}

TEST(BinlogEventTest, HeaderAndChecksum) {
  std::string bytes = Event(EventType::kXid, std::string("\x2a\0\0\0\0\0\0\0", 8));
  auto event = ParseBinlogEvent(bytes, true);
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ(event->header.type, EventType::kXid);
  EXPECT_EQ(event->header.position(), 1000u);
  EXPECT_EQ(XidEvent::Parse(*event)->xid, 42u);
  bytes[20] ^= 1;
  auto bad = ParseBinlogEvent(bytes, true);
  EXPECT_EQ(bad.status().code(), StatusCode::kCorruption);
  EXPECT_NE(bad.status().message().find("position 1000"), std::string::npos);
}

TEST(BinlogEventTest, RotateQueryGtidAndGtidList) {
  std::string rotate;
  Put(rotate, 4, 8);
  rotate += "binlog.000002";
  auto r = RotateEvent::Parse(*ParseBinlogEvent(Event(EventType::kRotate, rotate), true));
  EXPECT_EQ(r->file, "binlog.000002");
  EXPECT_EQ(r->position, 4u);

  std::string query;
  Put(query, 77, 4);  // thread id
  Put(query, 0, 4);
  query += static_cast<char>(2);  // db length
  Put(query, 0, 2);
  Put(query, 3, 2);  // status vars length
  query += std::string("\x01\x02\x03", 3);
  query += std::string("db\0", 3);
  query += "ALTER TABLE t ADD COLUMN c INT";
  auto q = QueryEvent::Parse(*ParseBinlogEvent(Event(EventType::kQuery, query), true));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->thread_id, 77u);
  EXPECT_EQ(q->database, "db");
  EXPECT_EQ(q->query, "ALTER TABLE t ADD COLUMN c INT");

  std::string gtid;
  Put(gtid, 9, 8);
  Put(gtid, 3, 4);
  gtid += '\x01';
  auto g = GtidEvent::Parse(*ParseBinlogEvent(Event(EventType::kMariaGtid, gtid), true));
  EXPECT_EQ(g->gtid.ToString(), "3-1-9");
  EXPECT_TRUE(g->standalone());

  std::string list;
  Put(list, 1, 4);
  Put(list, 0, 4);
  Put(list, 1, 4);
  Put(list, 42, 8);
  auto l = GtidListEvent::Parse(*ParseBinlogEvent(Event(EventType::kMariaGtidList, list), true));
  ASSERT_EQ(l->gtids.size(), 1u);
  EXPECT_EQ(l->gtids[0].ToString(), "0-1-42");
}

TEST(BinlogEventTest, TableMapWithFullMetadataAndWriteRows) {
  std::string tm;
  Put(tm, 17, 6);  // table id
  Put(tm, 1, 2);
  tm += static_cast<char>(2) + std::string("db\0", 3);
  tm += static_cast<char>(6) + std::string("movies\0", 7);
  tm += static_cast<char>(3);  // columns
  tm += static_cast<char>(ct::kLong);
  tm += static_cast<char>(ct::kVarchar);
  tm += static_cast<char>(ct::kString);
  std::string meta;
  Put(meta, 200, 2);  // VARCHAR(200) bytes
  meta += static_cast<char>(ct::kEnum);
  meta += '\x01';
  tm += static_cast<char>(meta.size()) + meta;
  tm += '\x06';  // nullable: columns 1 and 2
  auto tlv = [&](int type, const std::string& value) {
    tm += static_cast<char>(type);
    tm += static_cast<char>(value.size());
    tm += value;
  };
  tlv(1, std::string("\x80", 1));            // signedness: the INT is unsigned
  tlv(2, std::string("\x2d", 1));            // default charset utf8mb4_general_ci
  tlv(4, "\x02id\x05title\x04kind");         // column names
  tlv(6, std::string("\x02\x01" "a\x01" "b", 6));  // ENUM values
  tlv(8, std::string("\x00", 1));            // primary key: column 0
  std::string tm_bytes = Event(EventType::kTableMap, tm);  // events borrow their bytes
  auto event = ParseBinlogEvent(tm_bytes, true);
  ASSERT_TRUE(event.ok());
  auto map = TableMapEvent::Parse(*event, 8, true);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  const TableDef& t = map->table;
  EXPECT_EQ(map->table_id, 17u);
  EXPECT_EQ(t.FullName(), "db.movies");
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0].name, "id");
  EXPECT_TRUE(t.columns[0].is_unsigned);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[1].length, 200);
  EXPECT_EQ(t.columns[1].collation, 45);
  EXPECT_EQ(t.columns[2].type, ct::kEnum);
  EXPECT_EQ(t.columns[2].elements, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.primary_key, std::vector<int>{0});

  std::vector<ColumnCodec> codecs;
  for (const auto& c : t.columns) codecs.push_back(ColumnCodec::Make(c, {}).value());
  std::string rows;
  Put(rows, 17, 6);
  Put(rows, 0, 2);
  rows += '\x03';    // column count
  rows += '\x07';    // all present
  rows += '\x00';    // row 1: no nulls
  Put(rows, 1, 4);
  rows += "\x05" "Alien";
  rows += '\x02';
  rows += '\x04';    // row 2: kind is NULL
  Put(rows, 2, 4);
  rows += "\x04" "Heat";
  std::string rows_bytes = Event(EventType::kWriteRowsV1, rows);
  auto rows_event = RowsEvent::Parse(*ParseBinlogEvent(rows_bytes, true), 8);
  ASSERT_TRUE(rows_event.ok());
  std::vector<data::Value> before, after;
  ASSERT_TRUE(rows_event->NextRow(codecs, &before, &after).ok());
  EXPECT_EQ(after[1].as_string(), "Alien");
  EXPECT_EQ(after[2].as_string(), "b");
  ASSERT_TRUE(rows_event->NextRow(codecs, &before, &after).ok());
  EXPECT_EQ(after[0].as_int(), 2);
  EXPECT_TRUE(after[2].is_null());
  EXPECT_FALSE(rows_event->has_more_rows());
}

}  // namespace
}  // namespace tributary::mysql
