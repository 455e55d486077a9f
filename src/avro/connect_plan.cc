#include "avro/connect_plan.h"

#include <fmt/format.h>

#include <limits>

#include "avro/avro_data.h"

namespace tributary::avro {

namespace {

using Op = ConnectPlan::Op;

Status EncodeError(std::string reason) {
  return Status(StatusCode::kInvalidArgument, fmt::format(": {}", reason));
}
Status InPath(const Status& s, std::string_view segment) {
  return Status(s.code(), fmt::format("/{}{}", segment, s.message()));
}

bool IsUnionStruct(const data::Schema& c) {
  return c.type() == data::Type::kStruct && c.name() && *c.name() == connect_names::kUnion;
}

std::string BranchFieldName(const Schema& b) {
  return b.is_named() ? b.name() : std::string(TypeName(b.type()));
}

std::string_view KindName(const data::Value& v) {
  switch (v.kind()) {
    case data::Value::Kind::kNull: return "null";
    case data::Value::Kind::kBool: return "boolean";
    case data::Value::Kind::kInt: return "integer";
    case data::Value::Kind::kDouble: return "floating point";
    case data::Value::Kind::kString: return "string";
    case data::Value::Kind::kBytes: return "bytes";
    case data::Value::Kind::kStruct: return "struct";
    case data::Value::Kind::kArray: return "array";
    case data::Value::Kind::kMap: return "map";
  }
  return "?";
}

Status WrongKind(const data::Schema& c, const data::Value& v) {
  return EncodeError(fmt::format("a {} value does not fit Connect type {}", KindName(v),
                                 data::TypeName(c.type())));
}

}  // namespace

Result<std::shared_ptr<const ConnectPlan>> ConnectPlan::Compile(const data::Schema& connect,
                                                                data::SchemaPtr connect_ptr,
                                                                SchemaPtr avro) {
  std::shared_ptr<ConnectPlan> plan(new ConnectPlan());
  plan->avro_ = std::move(avro);
  TRIB_ASSIGN_OR_RETURN(uint32_t root, plan->Build(connect, connect_ptr, *plan->avro_, false, ""));
  (void)root;  // always 0
  return std::shared_ptr<const ConnectPlan>(std::move(plan));
}

Result<uint32_t> ConnectPlan::Build(const data::Schema& c, const data::SchemaPtr& c_ptr,
                                    const Schema& a, bool ignore_optional,
                                    const std::string& path) {
  auto mismatch = [&]() {
    return Status::InvalidArgument("Connect schema {} at {} does not match Avro {}",
                                   c.DebugString(), path.empty() ? "/" : path, TypeName(a.type()));
  };
  uint32_t id = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  auto node = [&]() -> Node& { return nodes_[id]; };
  node().connect = &c;
  node().avro = &a;

  if (a.type() == Type::kUnion) {
    if (IsUnionStruct(c)) {
      node().op = Op::kUnionStruct;
      node().null_branch = a.null_branch();
      node().field_of.assign(a.branches().size(), -1);
      for (const auto& f : c.fields()) {
        int branch = -1;
        for (size_t i = 0; i < a.branches().size(); ++i)
          if (a.branch(i).type() != Type::kNull && BranchFieldName(a.branch(i)) == f.name)
            branch = static_cast<int>(i);
        if (branch < 0) return mismatch();
        TRIB_ASSIGN_OR_RETURN(uint32_t child,
                              Build(*f.schema, f.schema, a.branch(branch), true, path + "/" + f.name));
        node().children.push_back(child);
        node().branch_of.push_back(branch);
        node().field_of[branch] = static_cast<int32_t>(node().children.size() - 1);
      }
      return id;
    }
    if (a.branches().size() == 1) {
      node().op = Op::kSingleUnion;
      TRIB_ASSIGN_OR_RETURN(uint32_t child, Build(c, c_ptr, a.branch(0), ignore_optional, path));
      node().children.push_back(child);
      return id;
    }
    if (a.branches().size() == 2 && a.null_branch() >= 0) {
      node().op = Op::kOptional;
      node().null_branch = a.null_branch();
      node().value_branch = 1 - a.null_branch();
      TRIB_ASSIGN_OR_RETURN(uint32_t child,
                            Build(c, c_ptr, a.branch(node().value_branch), true, path));
      node().children.push_back(child);
      return id;
    }
    return mismatch();
  }

  switch (c.type()) {
    case data::Type::kInt8:
    case data::Type::kInt16:
    case data::Type::kInt32:
      if (a.type() != Type::kInt) return mismatch();
      node().op = Op::kInt;
      return id;
    case data::Type::kInt64:
      if (a.type() != Type::kLong) return mismatch();
      node().op = Op::kLong;
      return id;
    case data::Type::kFloat32:
      if (a.type() != Type::kFloat) return mismatch();
      node().op = Op::kFloat;
      return id;
    case data::Type::kFloat64:
      if (a.type() != Type::kDouble) return mismatch();
      node().op = Op::kDouble;
      return id;
    case data::Type::kBoolean:
      if (a.type() != Type::kBoolean) return mismatch();
      node().op = Op::kBoolean;
      return id;
    case data::Type::kString:
      if (a.type() == Type::kString) node().op = Op::kString;
      else if (a.type() == Type::kEnum) node().op = Op::kEnum;
      else return mismatch();
      return id;
    case data::Type::kBytes:
      if (a.type() == Type::kBytes) node().op = Op::kBytes;
      else if (a.type() == Type::kFixed) node().op = Op::kFixed;
      else return mismatch();
      return id;
    case data::Type::kArray: {
      if (a.type() != Type::kArray) return mismatch();
      node().op = Op::kArray;
      node().zero_size_items = EncodesToZeroBytes(a.items());
      TRIB_ASSIGN_OR_RETURN(uint32_t child, Build(*c.value_schema(), c.value_schema(), a.items(),
                                                  false, path + "/items"));
      node().children.push_back(child);
      return id;
    }
    case data::Type::kMap: {
      if (a.type() == Type::kMap && c.key_schema()->type() == data::Type::kString) {
        node().op = Op::kMap;
        TRIB_ASSIGN_OR_RETURN(uint32_t child, Build(*c.value_schema(), c.value_schema(),
                                                    a.values(), false, path + "/values"));
        node().children.push_back(child);
        return id;
      }
      if (a.type() != Type::kArray || a.items().type() != Type::kRecord ||
          a.items().fields().size() != 2)
        return mismatch();
      node().op = Op::kMapEntries;
      const Schema& entry = a.items();
      TRIB_ASSIGN_OR_RETURN(uint32_t k, Build(*c.key_schema(), c.key_schema(),
                                              entry.fields()[0].schema(), false, path + "/key"));
      node().children.push_back(k);
      TRIB_ASSIGN_OR_RETURN(uint32_t v, Build(*c.value_schema(), c.value_schema(),
                                              entry.fields()[1].schema(), false, path + "/value"));
      node().children.push_back(v);
      return id;
    }
    case data::Type::kStruct: {
      if (a.type() != Type::kRecord || a.fields().size() != c.fields().size()) return mismatch();
      node().op = Op::kStruct;
      node().connect_ptr = c_ptr;
      for (size_t i = 0; i < c.fields().size(); ++i) {
        const auto& f = c.fields()[i];
        TRIB_ASSIGN_OR_RETURN(uint32_t child, Build(*f.schema, f.schema, a.fields()[i].schema(),
                                                    false, path + "/" + f.name));
        node().children.push_back(child);
      }
      return id;
    }
  }
  return mismatch();
}

Status ConnectPlan::Encode(const data::Value& value, std::string* out) const {
  Status s = EncodeNode(0, value, out);
  if (s.ok()) return s;
  const std::string& m = s.message();
  return Status(s.code(), fmt::format("Connect value at {}{}", m[0] == ':' ? "/" : "", m));
}

Status ConnectPlan::EncodeNode(uint32_t id, const data::Value& given, std::string* out) const {
  const Node& n = nodes_[id];
  const data::Value* v = &given;
  if (v->is_null() && n.connect->default_value()) v = n.connect->default_value();
  switch (n.op) {
    case Op::kOptional:
      if (v->is_null()) {
        WriteLong(n.null_branch, out);
        return Status::OK();
      }
      WriteLong(n.value_branch, out);
      return EncodeNode(n.children[0], *v, out);
    case Op::kSingleUnion:
      WriteLong(0, out);
      return EncodeNode(n.children[0], *v, out);
    case Op::kUnionStruct: {
      if (v->is_null()) {
        if (n.null_branch < 0) return EncodeError("null value for a union without a null branch");
        WriteLong(n.null_branch, out);
        return Status::OK();
      }
      if (v->kind() != data::Value::Kind::kStruct) return WrongKind(*n.connect, *v);
      const auto& values = v->as_struct().values;
      for (size_t i = 0; i < n.children.size() && i < values.size(); ++i) {
        if (values[i].is_null()) continue;
        WriteLong(n.branch_of[i], out);
        Status s = EncodeNode(n.children[i], values[i], out);
        return s.ok() ? s : InPath(s, n.connect->fields()[i].name);
      }
      if (n.null_branch < 0) return EncodeError("union struct has no field set");
      WriteLong(n.null_branch, out);
      return Status::OK();
    }
    default: break;
  }
  if (v->is_null()) {
    if (n.op == Op::kNull) return Status::OK();
    return EncodeError(fmt::format("null value for a required {}", data::TypeName(n.connect->type())));
  }
  switch (n.op) {
    case Op::kBoolean:
      if (v->kind() != data::Value::Kind::kBool) return WrongKind(*n.connect, *v);
      WriteBoolean(v->as_bool(), out);
      return Status::OK();
    case Op::kInt: {
      if (v->kind() != data::Value::Kind::kInt) return WrongKind(*n.connect, *v);
      int64_t x = v->as_int();
      if (x < std::numeric_limits<int32_t>::min() || x > std::numeric_limits<int32_t>::max())
        return EncodeError(fmt::format("{} is out of range for {}", x, data::TypeName(n.connect->type())));
      WriteLong(x, out);
      return Status::OK();
    }
    case Op::kLong:
      if (v->kind() != data::Value::Kind::kInt) return WrongKind(*n.connect, *v);
      WriteLong(v->as_int(), out);
      return Status::OK();
    case Op::kFloat:
      if (v->kind() != data::Value::Kind::kDouble) return WrongKind(*n.connect, *v);
      WriteFloat(static_cast<float>(v->as_double()), out);
      return Status::OK();
    case Op::kDouble:
      if (v->kind() != data::Value::Kind::kDouble) return WrongKind(*n.connect, *v);
      WriteDouble(v->as_double(), out);
      return Status::OK();
    case Op::kString:
      if (v->kind() != data::Value::Kind::kString) return WrongKind(*n.connect, *v);
      WriteBytes(v->as_string(), out);
      return Status::OK();
    case Op::kEnum: {
      if (v->kind() != data::Value::Kind::kString) return WrongKind(*n.connect, *v);
      int idx = n.avro->symbol_index(v->as_string());
      if (idx < 0)
        return EncodeError(fmt::format("'{}' is not a symbol of enum '{}'", v->as_string(),
                                       n.avro->full_name()));
      WriteLong(idx, out);
      return Status::OK();
    }
    case Op::kBytes:
      if (v->kind() != data::Value::Kind::kBytes) return WrongKind(*n.connect, *v);
      WriteBytes(v->as_bytes(), out);
      return Status::OK();
    case Op::kFixed: {
      if (v->kind() != data::Value::Kind::kBytes) return WrongKind(*n.connect, *v);
      const std::string& b = v->as_bytes();
      size_t size = static_cast<size_t>(n.avro->fixed_size());
      if (b.size() > size)
        return EncodeError(fmt::format("{} bytes do not fit fixed '{}' of size {}", b.size(),
                                       n.avro->full_name(), size));
      // A shorter two's-complement number is sign-extended, as AvroData pads decimals.
      char pad = !b.empty() && (static_cast<unsigned char>(b[0]) & 0x80) ? '\xff' : '\0';
      out->append(size - b.size(), pad);
      out->append(b);
      return Status::OK();
    }
    case Op::kArray: {
      if (v->kind() != data::Value::Kind::kArray) return WrongKind(*n.connect, *v);
      const auto& items = v->as_array();
      if (!items.empty()) {
        WriteLong(static_cast<int64_t>(items.size()), out);
        for (size_t i = 0; i < items.size(); ++i) {
          Status s = EncodeNode(n.children[0], items[i], out);
          if (!s.ok()) return InPath(s, std::to_string(i));
        }
      }
      WriteLong(0, out);
      return Status::OK();
    }
    case Op::kMap:
    case Op::kMapEntries: {
      if (v->kind() != data::Value::Kind::kMap) return WrongKind(*n.connect, *v);
      const auto& entries = v->as_map();
      if (!entries.empty()) {
        WriteLong(static_cast<int64_t>(entries.size()), out);
        for (const auto& [k, e] : entries) {
          if (n.op == Op::kMap) {
            if (k.kind() != data::Value::Kind::kString) return EncodeError("map key is not a string");
            WriteBytes(k.as_string(), out);
            Status s = EncodeNode(n.children[0], e, out);
            if (!s.ok()) return InPath(s, k.as_string());
          } else {
            Status s = EncodeNode(n.children[0], k, out);
            if (s.ok()) s = EncodeNode(n.children[1], e, out);
            if (!s.ok()) return InPath(s, "entry");
          }
        }
      }
      WriteLong(0, out);
      return Status::OK();
    }
    case Op::kStruct: {
      if (v->kind() != data::Value::Kind::kStruct) return WrongKind(*n.connect, *v);
      const auto& values = v->as_struct().values;
      static const data::Value kNull;
      for (size_t i = 0; i < n.children.size(); ++i) {
        Status s = EncodeNode(n.children[i], i < values.size() ? values[i] : kNull, out);
        if (!s.ok()) return InPath(s, n.connect->fields()[i].name);
      }
      return Status::OK();
    }
    default: return Status::OK();
  }
}

Status ConnectPlan::Decode(BinaryReader* in, data::Value* out, const DecodeLimits& limits) const {
  int64_t items = 0;
  return DecodeNode(0, in, out, 0, limits, &items);
}

Status ConnectPlan::DecodeNode(uint32_t id, BinaryReader* in, data::Value* out, int depth,
                               const DecodeLimits& limits, int64_t* items) const {
  if (depth > limits.max_depth)
    return in->Corrupt(in->position(), "value nested deeper than the decode limit");
  const Node& n = nodes_[id];
  auto read_branch = [&](size_t branches, int64_t* branch) -> Status {
    size_t start = in->position();
    TRIB_RETURN_IF_ERROR(in->ReadLong(branch));
    if (*branch < 0 || static_cast<uint64_t>(*branch) >= branches)
      return in->Corrupt(start, fmt::format("union branch {} out of range ({} branches)", *branch,
                                            branches));
    return Status::OK();
  };
  switch (n.op) {
    case Op::kNull: *out = data::Value(); return Status::OK();
    case Op::kOptional: {
      int64_t branch;
      TRIB_RETURN_IF_ERROR(read_branch(2, &branch));
      if (branch == n.null_branch) {
        *out = data::Value();
        return Status::OK();
      }
      return DecodeNode(n.children[0], in, out, depth + 1, limits, items);
    }
    case Op::kSingleUnion: {
      int64_t branch;
      TRIB_RETURN_IF_ERROR(read_branch(1, &branch));
      return DecodeNode(n.children[0], in, out, depth + 1, limits, items);
    }
    case Op::kUnionStruct: {
      int64_t branch;
      TRIB_RETURN_IF_ERROR(read_branch(n.field_of.size(), &branch));
      int field = n.field_of[branch];
      if (field < 0) {
        *out = data::Value();
        return Status::OK();
      }
      data::Value s = data::Value::EmptyStruct(n.connect_ptr ? n.connect_ptr
                                                             : data::SchemaBuilder::From(*n.connect).Build());
      TRIB_RETURN_IF_ERROR(DecodeNode(n.children[field], in, &s.mutable_struct().values[field],
                                      depth + 1, limits, items));
      *out = std::move(s);
      return Status::OK();
    }
    case Op::kBoolean: {
      bool b;
      TRIB_RETURN_IF_ERROR(in->ReadBoolean(&b));
      *out = data::Value::Bool(b);
      return Status::OK();
    }
    case Op::kInt: {
      int32_t x;
      TRIB_RETURN_IF_ERROR(in->ReadInt(&x));
      *out = data::Value::Int(x);
      return Status::OK();
    }
    case Op::kLong: {
      int64_t x;
      TRIB_RETURN_IF_ERROR(in->ReadLong(&x));
      *out = data::Value::Int(x);
      return Status::OK();
    }
    case Op::kFloat: {
      float x;
      TRIB_RETURN_IF_ERROR(in->ReadFloat(&x));
      *out = data::Value::Double(x);
      return Status::OK();
    }
    case Op::kDouble: {
      double x;
      TRIB_RETURN_IF_ERROR(in->ReadDouble(&x));
      *out = data::Value::Double(x);
      return Status::OK();
    }
    case Op::kString:
    case Op::kBytes: {
      std::string_view x;
      TRIB_RETURN_IF_ERROR(in->ReadBytes(&x));
      *out = n.op == Op::kString ? data::Value::String(std::string(x))
                                 : data::Value::BytesOf(std::string(x));
      return Status::OK();
    }
    case Op::kEnum: {
      size_t start = in->position();
      int32_t idx;
      TRIB_RETURN_IF_ERROR(in->ReadInt(&idx));
      if (idx < 0 || static_cast<size_t>(idx) >= n.avro->symbols().size())
        return in->Corrupt(start, fmt::format("enum index {} out of range for '{}'", idx,
                                              n.avro->full_name()));
      *out = data::Value::String(n.avro->symbols()[idx]);
      return Status::OK();
    }
    case Op::kFixed: {
      std::string_view x;
      TRIB_RETURN_IF_ERROR(in->ReadFixed(static_cast<size_t>(n.avro->fixed_size()), &x));
      *out = data::Value::BytesOf(std::string(x));
      return Status::OK();
    }
    case Op::kArray:
    case Op::kMap:
    case Op::kMapEntries: {
      data::Array array;
      data::Map map;
      bool zero = n.zero_size_items;
      while (true) {
        int64_t count, block_bytes;
        TRIB_RETURN_IF_ERROR(in->ReadBlockCount(&count, &block_bytes));
        if (count == 0) break;
        if (!zero && static_cast<uint64_t>(count) > in->remaining())
          return in->Corrupt(in->position(), fmt::format("block of {} items is longer than the {} bytes left",
                                                         count, in->remaining()));
        *items += count;
        if (*items > limits.max_items)
          return in->Corrupt(in->position(), fmt::format("more than {} array items/map entries in one value",
                                                         limits.max_items));
        for (int64_t i = 0; i < count; ++i) {
          if (n.op == Op::kArray) {
            array.emplace_back();
            TRIB_RETURN_IF_ERROR(DecodeNode(n.children[0], in, &array.back(), depth + 1, limits, items));
          } else if (n.op == Op::kMap) {
            std::string_view key;
            TRIB_RETURN_IF_ERROR(in->ReadBytes(&key));
            map.emplace_back(data::Value::String(std::string(key)), data::Value());
            TRIB_RETURN_IF_ERROR(DecodeNode(n.children[0], in, &map.back().second, depth + 1, limits, items));
          } else {
            map.emplace_back();
            TRIB_RETURN_IF_ERROR(DecodeNode(n.children[0], in, &map.back().first, depth + 1, limits, items));
            TRIB_RETURN_IF_ERROR(DecodeNode(n.children[1], in, &map.back().second, depth + 1, limits, items));
          }
        }
      }
      *out = n.op == Op::kArray ? data::Value::ArrayOf(std::move(array))
                                : data::Value::MapOf(std::move(map));
      return Status::OK();
    }
    case Op::kStruct: {
      data::Value s = data::Value::EmptyStruct(n.connect_ptr ? n.connect_ptr
                                                             : data::SchemaBuilder::From(*n.connect).Build());
      auto& values = s.mutable_struct().values;
      for (size_t i = 0; i < n.children.size(); ++i)
        TRIB_RETURN_IF_ERROR(DecodeNode(n.children[i], in, &values[i], depth + 1, limits, items));
      *out = std::move(s);
      return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace tributary::avro
