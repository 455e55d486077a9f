#include "avro/generic_codec.h"

#include <fmt/format.h>

#include <unordered_set>

namespace tributary::avro {

namespace {

Status Mismatch(const Schema& schema, const Datum& datum) {
  return Status(StatusCode::kInvalidArgument,
                fmt::format(": expected {}, got {}", TypeName(schema.type()),
                            TypeName(datum.type())));
}

// Prepends a path segment to an encode error built by Mismatch.
Status InPath(const Status& s, std::string_view segment) {
  return Status(s.code(), fmt::format("/{}{}", segment, s.message()));
}

Status Encode(const Schema& schema, const Datum& d, std::string* out) {
  switch (schema.type()) {
    case Type::kNull:
      return d.type() == Type::kNull ? Status::OK() : Mismatch(schema, d);
    case Type::kBoolean:
      if (d.type() != Type::kBoolean) return Mismatch(schema, d);
      WriteBoolean(d.as_bool(), out);
      return Status::OK();
    case Type::kInt:
      if (d.type() != Type::kInt) return Mismatch(schema, d);
      WriteInt(d.as_int(), out);
      return Status::OK();
    case Type::kLong:
      if (d.type() != Type::kLong) return Mismatch(schema, d);
      WriteLong(d.as_long(), out);
      return Status::OK();
    case Type::kFloat:
      if (d.type() != Type::kFloat) return Mismatch(schema, d);
      WriteFloat(d.as_float(), out);
      return Status::OK();
    case Type::kDouble:
      if (d.type() != Type::kDouble) return Mismatch(schema, d);
      WriteDouble(d.as_double(), out);
      return Status::OK();
    case Type::kBytes:
    case Type::kString:
      if (d.type() != schema.type()) return Mismatch(schema, d);
      WriteBytes(d.as_bytes(), out);
      return Status::OK();
    case Type::kFixed:
      if (d.type() != Type::kFixed) return Mismatch(schema, d);
      if (d.as_bytes().size() != static_cast<size_t>(schema.fixed_size()))
        return Status(StatusCode::kInvalidArgument,
                      fmt::format(": fixed '{}' needs {} bytes, got {}", schema.full_name(),
                                  schema.fixed_size(), d.as_bytes().size()));
      out->append(d.as_bytes());
      return Status::OK();
    case Type::kEnum:
      if (d.type() != Type::kEnum) return Mismatch(schema, d);
      if (d.enum_index() < 0 || static_cast<size_t>(d.enum_index()) >= schema.symbols().size())
        return Status(StatusCode::kInvalidArgument,
                      fmt::format(": enum '{}' has no symbol index {}", schema.full_name(),
                                  d.enum_index()));
      WriteInt(d.enum_index(), out);
      return Status::OK();
    case Type::kArray: {
      if (d.type() != Type::kArray) return Mismatch(schema, d);
      if (!d.items().empty()) {
        WriteLong(static_cast<int64_t>(d.items().size()), out);
        for (size_t i = 0; i < d.items().size(); ++i) {
          Status s = Encode(schema.items(), d.items()[i], out);
          if (!s.ok()) return InPath(s, std::to_string(i));
        }
      }
      WriteLong(0, out);
      return Status::OK();
    }
    case Type::kMap: {
      if (d.type() != Type::kMap) return Mismatch(schema, d);
      if (!d.entries().empty()) {
        WriteLong(static_cast<int64_t>(d.entries().size()), out);
        for (const auto& [k, v] : d.entries()) {
          WriteBytes(k, out);
          Status s = Encode(schema.values(), v, out);
          if (!s.ok()) return InPath(s, k);
        }
      }
      WriteLong(0, out);
      return Status::OK();
    }
    case Type::kRecord: {
      if (d.type() != Type::kRecord) return Mismatch(schema, d);
      if (d.items().size() != schema.fields().size())
        return Status(StatusCode::kInvalidArgument,
                      fmt::format(": record '{}' has {} fields, the value has {}",
                                  schema.full_name(), schema.fields().size(), d.items().size()));
      for (const auto& f : schema.fields()) {
        Status s = Encode(f.schema(), d.items()[f.index], out);
        if (!s.ok()) return InPath(s, f.name);
      }
      return Status::OK();
    }
    case Type::kUnion: {
      int branch = d.branch();
      if (branch < 0) {
        for (size_t i = 0; i < schema.branches().size(); ++i) {
          const Schema& b = schema.branch(i);
          if (b.type() == d.type()) {
            branch = static_cast<int>(i);
            break;
          }
        }
      }
      if (branch < 0 || static_cast<size_t>(branch) >= schema.branches().size())
        return Status(StatusCode::kInvalidArgument,
                      fmt::format(": no union branch {} for a {} value", branch,
                                  TypeName(d.type())));
      WriteLong(branch, out);
      return Encode(schema.branch(branch), d, out);
    }
  }
  return Status::OK();
}

bool ZeroBytes(const Schema& s, std::unordered_set<const Schema*>* visiting) {
  switch (s.type()) {
    case Type::kNull: return true;
    case Type::kFixed: return s.fixed_size() == 0;
    case Type::kRecord: {
      if (!visiting->insert(&s).second) return false;
      for (const auto& f : s.fields())
        if (!ZeroBytes(f.schema(), visiting)) return false;
      return true;
    }
    default: return false;
  }
}

class Decoder {
 public:
  Decoder(BinaryReader* in, const DecodeLimits& limits) : in_(in), limits_(limits) {}

  Status Read(const Schema& schema, Datum* out, int depth) {
    if (depth > limits_.max_depth)
      return in_->Corrupt(in_->position(), "value nested deeper than the decode limit");
    switch (schema.type()) {
      case Type::kNull: *out = Datum::Null(); return Status::OK();
      case Type::kBoolean: {
        bool v;
        TRIB_RETURN_IF_ERROR(in_->ReadBoolean(&v));
        *out = Datum::Boolean(v);
        return Status::OK();
      }
      case Type::kInt: {
        int32_t v;
        TRIB_RETURN_IF_ERROR(in_->ReadInt(&v));
        *out = Datum::Int(v);
        return Status::OK();
      }
      case Type::kLong: {
        int64_t v;
        TRIB_RETURN_IF_ERROR(in_->ReadLong(&v));
        *out = Datum::Long(v);
        return Status::OK();
      }
      case Type::kFloat: {
        float v;
        TRIB_RETURN_IF_ERROR(in_->ReadFloat(&v));
        *out = Datum::Float(v);
        return Status::OK();
      }
      case Type::kDouble: {
        double v;
        TRIB_RETURN_IF_ERROR(in_->ReadDouble(&v));
        *out = Datum::Double(v);
        return Status::OK();
      }
      case Type::kBytes:
      case Type::kString: {
        std::string_view v;
        TRIB_RETURN_IF_ERROR(in_->ReadBytes(&v));
        *out = schema.type() == Type::kBytes ? Datum::Bytes(std::string(v))
                                             : Datum::String(std::string(v));
        return Status::OK();
      }
      case Type::kFixed: {
        std::string_view v;
        TRIB_RETURN_IF_ERROR(in_->ReadFixed(static_cast<size_t>(schema.fixed_size()), &v));
        *out = Datum::Fixed(std::string(v));
        return Status::OK();
      }
      case Type::kEnum: {
        size_t start = in_->position();
        int32_t v;
        TRIB_RETURN_IF_ERROR(in_->ReadInt(&v));
        if (v < 0 || static_cast<size_t>(v) >= schema.symbols().size())
          return in_->Corrupt(start, fmt::format("enum index {} out of range for '{}' ({} symbols)",
                                                 v, schema.full_name(), schema.symbols().size()));
        *out = Datum::Enum(v);
        return Status::OK();
      }
      case Type::kArray: {
        Datum::List items;
        TRIB_RETURN_IF_ERROR(ReadBlocks(schema.items(), [&](int d) -> Status {
          items.emplace_back();
          return Read(schema.items(), &items.back(), d);
        }, depth, &items));
        *out = Datum::Array(std::move(items));
        return Status::OK();
      }
      case Type::kMap: {
        Datum::MapEntries entries;
        TRIB_RETURN_IF_ERROR(ReadBlocks(schema.values(), [&](int d) -> Status {
          std::string_view key;
          TRIB_RETURN_IF_ERROR(in_->ReadBytes(&key));
          entries.emplace_back(std::string(key), Datum());
          return Read(schema.values(), &entries.back().second, d);
        }, depth, &entries));
        *out = Datum::Map(std::move(entries));
        return Status::OK();
      }
      case Type::kRecord: {
        Datum::List fields(schema.fields().size());
        for (const auto& f : schema.fields())
          TRIB_RETURN_IF_ERROR(Read(f.schema(), &fields[f.index], depth + 1));
        *out = Datum::Record(std::move(fields));
        return Status::OK();
      }
      case Type::kUnion: {
        int64_t branch;
        TRIB_ASSIGN_OR_RETURN(branch, ReadBranch(schema));
        TRIB_RETURN_IF_ERROR(Read(schema.branch(branch), out, depth + 1));
        out->set_branch(static_cast<int>(branch));
        return Status::OK();
      }
    }
    return Status::OK();
  }

  Status Skip(const Schema& schema, int depth) {
    if (depth > limits_.max_depth)
      return in_->Corrupt(in_->position(), "value nested deeper than the decode limit");
    switch (schema.type()) {
      case Type::kNull: return Status::OK();
      case Type::kBoolean: {
        bool v;
        return in_->ReadBoolean(&v);
      }
      case Type::kInt:
      case Type::kLong:
      case Type::kEnum: {
        int64_t v;
        return in_->ReadLong(&v);
      }
      case Type::kFloat: return in_->Skip(4);
      case Type::kDouble: return in_->Skip(8);
      case Type::kBytes:
      case Type::kString: {
        std::string_view v;
        return in_->ReadBytes(&v);
      }
      case Type::kFixed: return in_->Skip(static_cast<size_t>(schema.fixed_size()));
      case Type::kArray:
      case Type::kMap: {
        const Schema& element = schema.type() == Type::kArray ? schema.items() : schema.values();
        bool is_map = schema.type() == Type::kMap;
        while (true) {
          int64_t count, block_bytes;
          TRIB_RETURN_IF_ERROR(in_->ReadBlockCount(&count, &block_bytes));
          if (count == 0) return Status::OK();
          if (block_bytes >= 0) {
            TRIB_RETURN_IF_ERROR(in_->Skip(static_cast<size_t>(block_bytes)));
            continue;
          }
          TRIB_RETURN_IF_ERROR(CountItems(element, count, is_map));
          for (int64_t i = 0; i < count; ++i) {
            if (is_map) {
              std::string_view key;
              TRIB_RETURN_IF_ERROR(in_->ReadBytes(&key));
            }
            TRIB_RETURN_IF_ERROR(Skip(element, depth + 1));
          }
        }
      }
      case Type::kRecord:
        for (const auto& f : schema.fields()) TRIB_RETURN_IF_ERROR(Skip(f.schema(), depth + 1));
        return Status::OK();
      case Type::kUnion: {
        int64_t branch;
        TRIB_ASSIGN_OR_RETURN(branch, ReadBranch(schema));
        return Skip(schema.branch(branch), depth + 1);
      }
    }
    return Status::OK();
  }

  Result<int64_t> ReadBranch(const Schema& schema) {
    size_t start = in_->position();
    int64_t branch;
    TRIB_RETURN_IF_ERROR(in_->ReadLong(&branch));
    if (branch < 0 || static_cast<uint64_t>(branch) >= schema.branches().size())
      return in_->Corrupt(start, fmt::format("union branch {} out of range ({} branches)", branch,
                                             schema.branches().size()));
    return branch;
  }

  // Checks a block of `count` items against the bytes left and the item budget.
  Status CountItems(const Schema& element, int64_t count, bool is_map) {
    bool zero = !is_map && EncodesToZeroBytes(element);
    if (!zero && static_cast<uint64_t>(count) > in_->remaining())
      return in_->Corrupt(in_->position(),
                          fmt::format("block of {} items is longer than the {} bytes left", count,
                                      in_->remaining()));
    items_ += count;
    if (items_ > limits_.max_items)
      return in_->Corrupt(in_->position(),
                          fmt::format("more than {} array items/map entries in one value",
                                      limits_.max_items));
    return Status::OK();
  }

  template <typename ReadItem, typename Container>
  Status ReadBlocks(const Schema& element, ReadItem read_item, int depth, Container* items) {
    bool is_map = std::is_same_v<Container, Datum::MapEntries>;
    while (true) {
      int64_t count, block_bytes;
      TRIB_RETURN_IF_ERROR(in_->ReadBlockCount(&count, &block_bytes));
      if (count == 0) return Status::OK();
      TRIB_RETURN_IF_ERROR(CountItems(element, count, is_map));
      items->reserve(items->size() + static_cast<size_t>(std::min<int64_t>(count, 4096)));
      for (int64_t i = 0; i < count; ++i) TRIB_RETURN_IF_ERROR(read_item(depth + 1));
    }
  }

 private:
  BinaryReader* in_;
  const DecodeLimits& limits_;
  int64_t items_ = 0;
};

}  // namespace

bool EncodesToZeroBytes(const Schema& schema) {
  std::unordered_set<const Schema*> visiting;
  return ZeroBytes(schema, &visiting);
}

Status EncodeDatum(const Schema& schema, const Datum& datum, std::string* out) {
  Status s = Encode(schema, datum, out);
  if (s.ok()) return s;
  const std::string& m = s.message();
  return Status(s.code(), fmt::format("Avro value at {}{}", m[0] == ':' ? "/" : "", m));
}

Status DecodeDatum(const Schema& schema, BinaryReader* reader, Datum* out,
                   const DecodeLimits& limits) {
  return Decoder(reader, limits).Read(schema, out, 0);
}

Result<Datum> DecodeDatum(const Schema& schema, std::string_view bytes,
                          const DecodeLimits& limits) {
  BinaryReader reader(bytes);
  Datum out;
  TRIB_RETURN_IF_ERROR(DecodeDatum(schema, &reader, &out, limits));
  if (!reader.at_end())
    return reader.Corrupt(reader.position(),
                          fmt::format("{} trailing bytes after the value", reader.remaining()));
  return out;
}

Status SkipDatum(const Schema& schema, BinaryReader* reader, const DecodeLimits& limits) {
  return Decoder(reader, limits).Skip(schema, 0);
}

}  // namespace tributary::avro
