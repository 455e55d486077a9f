#include "mysql/table_map_event.h"

#include "mysql/byte_reader.h"

namespace tributary::mysql {
namespace {

namespace ct = column_type;

// Reads the per-column type metadata of the TABLE_MAP's metadata block.
void ReadTypeMetadata(ByteReader& r, ColumnDef& c) {
  switch (c.type) {
    case ct::kFloat:
    case ct::kDouble:
      c.length = r.U8();
      break;
    case ct::kVarchar:
    case ct::kVarString:
      c.length = r.U16();
      break;
    case ct::kBit: {
      int bits = r.U8();
      int bytes = r.U8();
      c.length = bytes * 8 + bits;
      break;
    }
    case ct::kNewDecimal:
      c.precision = r.U8();
      c.scale = r.U8();
      break;
    case ct::kTinyBlob:
    case ct::kMediumBlob:
    case ct::kLongBlob:
    case ct::kBlob:
    case ct::kGeometry:
    case ct::kJson:
      c.length = r.U8();
      break;
    case ct::kString:
    case ct::kEnum:
    case ct::kSet: {
      // Two bytes: the real type and the length; CHAR lengths above 255 borrow two bits of
      // the real-type byte (see Field_string::do_save_field_metadata).
      uint8_t real_type = r.U8();
      uint8_t low = r.U8();
      if ((real_type & 0x30) != 0x30) {
        c.length = low | (((real_type & 0x30) ^ 0x30) << 4);
        real_type |= 0x30;
      } else {
        c.length = low;
      }
      if (real_type == ct::kEnum || real_type == ct::kSet) c.type = real_type;
      break;
    }
    case ct::kTime2:
    case ct::kDateTime2:
    case ct::kTimestamp2:
      c.fsp = r.U8();
      break;
    default:
      break;
  }
}

bool IsNumeric(uint8_t type) {
  switch (type) {
    case ct::kTiny: case ct::kShort: case ct::kInt24: case ct::kLong: case ct::kLongLong:
    case ct::kNewDecimal: case ct::kFloat: case ct::kDouble: case ct::kDecimal:
      return true;
    default:
      return false;
  }
}

bool IsCharacter(uint8_t type) {
  switch (type) {
    case ct::kString: case ct::kVarString: case ct::kVarchar: case ct::kBlob:
    case ct::kTinyBlob: case ct::kMediumBlob: case ct::kLongBlob:
      return true;
    default:
      return false;
  }
}

bool IsMariaCharacter(uint8_t type) { return IsCharacter(type) || type == ct::kGeometry; }

bool IsEnumOrSet(uint8_t type) { return type == ct::kEnum || type == ct::kSet; }

// Indexes of the columns matching `pred`, in column order.
template <typename Pred>
std::vector<ColumnDef*> Select(TableDef& t, Pred pred) {
  std::vector<ColumnDef*> out;
  for (auto& c : t.columns)
    if (pred(c.type)) out.push_back(&c);
  return out;
}

// DEFAULT_CHARSET / ENUM_AND_SET_DEFAULT_CHARSET: a default collation, then
// (index among the selected columns, collation) pairs for the exceptions.
void ReadDefaultCharset(ByteReader& r, std::vector<ColumnDef*> cols) {
  uint64_t def = r.LenEnc();
  for (auto* c : cols) c->collation = static_cast<int>(def);
  while (r.ok() && !r.at_end()) {
    uint64_t index = r.LenEnc();
    uint64_t collation = r.LenEnc();
    if (index < cols.size()) cols[index]->collation = static_cast<int>(collation);
  }
}

void ReadColumnCharsets(ByteReader& r, std::vector<ColumnDef*> cols) {
  for (auto* c : cols) c->collation = static_cast<int>(r.LenEnc());
}

void ReadElements(ByteReader& r, std::vector<ColumnDef*> cols) {
  for (auto* c : cols) {
    uint64_t n = r.LenEnc();
    c->elements.clear();
    for (uint64_t i = 0; i < n && r.ok(); ++i) c->elements.emplace_back(r.LenEncBytes());
  }
}

}  // namespace

Result<TableMapEvent> TableMapEvent::Parse(const BinlogEvent& event, uint8_t post_header_length,
                                           bool mariadb) {
  auto is_character = mariadb ? IsMariaCharacter : IsCharacter;
  ByteReader r(event.body);
  TableMapEvent tm;
  tm.table_id = post_header_length == 6 ? r.U32() : r.U48();
  r.U16();  // flags
  uint8_t db_len = r.U8();
  tm.table.database = std::string(r.Bytes(db_len));
  r.Skip(1);
  uint8_t table_len = r.U8();
  tm.table.table = std::string(r.Bytes(table_len));
  r.Skip(1);
  uint64_t count = r.LenEnc();
  if (!r.ok() || count > r.remaining()) {
    return Status::Corruption("TABLE_MAP_EVENT at binlog position {} is truncated at byte {}",
                              event.header.position(), r.failed_at());
  }
  tm.table.columns.resize(count);
  std::string_view types = r.Bytes(count);
  for (size_t i = 0; i < count; ++i) tm.table.columns[i].type = static_cast<uint8_t>(types[i]);
  ByteReader meta(r.LenEncBytes());
  for (auto& c : tm.table.columns) ReadTypeMetadata(meta, c);
  std::string_view nulls = r.Bytes((count + 7) / 8);
  if (!r.ok() || !meta.ok()) {
    return Status::Corruption("TABLE_MAP_EVENT for {} at binlog position {} is truncated",
                              tm.table.FullName(), event.header.position());
  }
  for (size_t i = 0; i < count; ++i) {
    tm.table.columns[i].nullable = (static_cast<uint8_t>(nulls[i / 8]) >> (i % 8)) & 1;
  }

  // Optional metadata: type, length, value triplets until the end of the event.
  TableDef& t = tm.table;
  while (r.ok() && !r.at_end()) {
    uint8_t field_type = r.U8();
    std::string_view value = r.LenEncBytes();
    ByteReader v(value);
    switch (field_type) {
      case 1: {  // SIGNEDNESS: one bit per numeric column, most significant bit first
        int bit = 0;
        for (auto& c : t.columns) {
          // MariaDB also gives YEAR a signedness bit (it is a numeric field there).
          if (!IsNumeric(c.type) && !(mariadb && c.type == ct::kYear)) continue;
          size_t byte = bit / 8;
          if (byte < value.size()) {
            c.is_unsigned = (static_cast<uint8_t>(value[byte]) >> (7 - bit % 8)) & 1;
          }
          ++bit;
        }
        break;
      }
      case 2:  // DEFAULT_CHARSET
        ReadDefaultCharset(v, Select(t, is_character));
        break;
      case 3:  // COLUMN_CHARSET
        ReadColumnCharsets(v, Select(t, is_character));
        break;
      case 4:  // COLUMN_NAME
        for (auto& c : t.columns) c.name = std::string(v.LenEncBytes());
        tm.has_column_names = v.ok();
        break;
      case 5:  // SET_STR_VALUE
        ReadElements(v, Select(t, [](uint8_t type) { return type == ct::kSet; }));
        break;
      case 6:  // ENUM_STR_VALUE
        ReadElements(v, Select(t, [](uint8_t type) { return type == ct::kEnum; }));
        break;
      case 7:  // GEOMETRY_TYPE
        for (auto* c : Select(t, [](uint8_t type) { return type == ct::kGeometry; })) {
          c->geometry_type = static_cast<int>(v.LenEnc());
        }
        break;
      case 8:  // SIMPLE_PRIMARY_KEY
        tm.has_primary_key_metadata = true;
        while (v.ok() && !v.at_end()) t.primary_key.push_back(static_cast<int>(v.LenEnc()));
        break;
      case 9:  // PRIMARY_KEY_WITH_PREFIX: (column, prefix length) pairs
        tm.has_primary_key_metadata = true;
        while (v.ok() && !v.at_end()) {
          t.primary_key.push_back(static_cast<int>(v.LenEnc()));
          v.LenEnc();
        }
        break;
      case 10:  // ENUM_AND_SET_DEFAULT_CHARSET
        ReadDefaultCharset(v, Select(t, IsEnumOrSet));
        break;
      case 11:  // ENUM_AND_SET_COLUMN_CHARSET
        ReadColumnCharsets(v, Select(t, IsEnumOrSet));
        break;
      default:  // COLUMN_VISIBILITY and future fields: not needed
        break;
    }
    if (!v.ok()) {
      return Status::Corruption(
          "TABLE_MAP_EVENT for {} at binlog position {}: optional metadata field {} is "
          "malformed",
          t.FullName(), event.header.position(), field_type);
    }
  }
  if (!r.ok()) {
    return Status::Corruption("TABLE_MAP_EVENT for {} at binlog position {} is truncated",
                              t.FullName(), event.header.position());
  }
  for (int index : t.primary_key) {
    if (index < 0 || static_cast<size_t>(index) >= t.columns.size()) {
      return Status::Corruption("TABLE_MAP_EVENT for {}: primary key column {} out of range",
                                t.FullName(), index);
    }
  }
  return tm;
}

}  // namespace tributary::mysql
