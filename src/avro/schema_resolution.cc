#include "avro/schema_resolution.h"

#include <fmt/format.h>

#include <map>

namespace tributary::avro {

struct SchemaResolution::Plan {
  enum class Op { kSame, kPromote, kRecord, kEnum, kArray, kMap, kWriterUnion, kReaderUnion, kFail };
  Op op = Op::kFail;
  const Schema* writer = nullptr;
  const Schema* reader = nullptr;
  // kRecord: one step per writer field, in writer order; reader_index -1 skips the field.
  struct Step {
    int reader_index;
    const Plan* plan;
  };
  std::vector<Step> steps;
  std::vector<std::pair<int, Datum>> defaults;  // reader fields the writer lacks
  std::vector<int> enum_map;                    // writer symbol -> reader symbol or -1
  const Plan* element = nullptr;                // kArray, kMap, kReaderUnion
  int reader_branch = -1;                       // kReaderUnion
  std::vector<const Plan*> branches;            // kWriterUnion, per writer branch
  std::string failure;                          // kFail
};

namespace {

using Plan = SchemaResolution::Plan;

std::string Describe(const Schema& s) {
  return s.is_named() ? fmt::format("{} '{}'", TypeName(s.type()), s.full_name())
                      : std::string(TypeName(s.type()));
}

bool NamesMatch(const Schema& w, const Schema& r) {
  if (w.full_name() == r.full_name() || w.name() == r.name()) return true;
  for (const auto& alias : r.aliases()) {
    if (alias == w.full_name()) return true;
    size_t dot = alias.rfind('.');
    if ((dot == std::string::npos ? alias : alias.substr(dot + 1)) == w.name()) return true;
  }
  return false;
}

bool Promotable(Type w, Type r) {
  switch (w) {
    case Type::kInt: return r == Type::kLong || r == Type::kFloat || r == Type::kDouble;
    case Type::kLong: return r == Type::kFloat || r == Type::kDouble;
    case Type::kFloat: return r == Type::kDouble;
    case Type::kString: return r == Type::kBytes;
    case Type::kBytes: return r == Type::kString;
    default: return false;
  }
}

bool ExactMatch(const Schema& w, const Schema& r) {
  if (w.type() != r.type()) return false;
  if (!w.is_named()) return true;
  if (w.type() == Type::kFixed && w.fixed_size() != r.fixed_size()) return false;
  return NamesMatch(w, r);
}

class Compiler {
 public:
  explicit Compiler(std::vector<std::unique_ptr<Plan>>* plans) : plans_(plans) {}

  const Plan* Compile(const Schema& w, const Schema& r) {
    auto key = std::make_pair(&w, &r);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    plans_->push_back(std::make_unique<Plan>());
    Plan* p = plans_->back().get();
    memo_[key] = p;
    p->writer = &w;
    p->reader = &r;
    Build(w, r, p);
    return p;
  }

 private:
  static void Fail(Plan* p, std::string why) {
    p->op = Plan::Op::kFail;
    p->failure = std::move(why);
  }

  void Build(const Schema& w, const Schema& r, Plan* p) {
    if (w.type() == Type::kUnion) {
      p->op = Plan::Op::kWriterUnion;
      for (const Schema* b : w.branches()) p->branches.push_back(Compile(*b, r));
      return;
    }
    if (r.type() == Type::kUnion) {
      int best = -1;
      for (size_t i = 0; i < r.branches().size() && best < 0; ++i)
        if (ExactMatch(w, r.branch(i))) best = static_cast<int>(i);
      for (size_t i = 0; i < r.branches().size() && best < 0; ++i)
        if (Promotable(w.type(), r.branch(i).type())) best = static_cast<int>(i);
      if (best < 0)
        return Fail(p, fmt::format("the writer's {} matches no branch of the reader's union",
                                   Describe(w)));
      p->op = Plan::Op::kReaderUnion;
      p->reader_branch = best;
      p->element = Compile(w, r.branch(best));
      if (p->element->op == Plan::Op::kFail) Fail(p, p->element->failure);
      return;
    }
    if (w.type() != r.type()) {
      if (Promotable(w.type(), r.type())) {
        p->op = Plan::Op::kPromote;
        return;
      }
      return Fail(p, fmt::format("the writer's {} cannot be read as the reader's {}",
                                 Describe(w), Describe(r)));
    }
    if (w.is_named() && !NamesMatch(w, r))
      return Fail(p, fmt::format("the writer's {} does not match the reader's {} by name or alias",
                                 Describe(w), Describe(r)));
    switch (w.type()) {
      case Type::kFixed:
        if (w.fixed_size() != r.fixed_size())
          return Fail(p, fmt::format("fixed '{}' has size {} for the writer, {} for the reader",
                                     r.full_name(), w.fixed_size(), r.fixed_size()));
        p->op = Plan::Op::kSame;
        return;
      case Type::kEnum:
        p->op = Plan::Op::kEnum;
        for (const auto& sym : w.symbols()) {
          int idx = r.symbol_index(sym);
          if (idx < 0 && r.enum_default()) idx = r.symbol_index(*r.enum_default());
          p->enum_map.push_back(idx);
        }
        return;
      case Type::kArray:
      case Type::kMap:
        p->op = w.type() == Type::kArray ? Plan::Op::kArray : Plan::Op::kMap;
        p->element = Compile(w.items(), r.items());
        if (p->element->op == Plan::Op::kFail)
          Fail(p, fmt::format("{} {}: {}", TypeName(w.type()),
                              w.type() == Type::kArray ? "items" : "values", p->element->failure));
        return;
      case Type::kRecord: return BuildRecord(w, r, p);
      default: p->op = Plan::Op::kSame; return;
    }
  }

  void BuildRecord(const Schema& w, const Schema& r, Plan* p) {
    p->op = Plan::Op::kRecord;
    std::vector<bool> matched(r.fields().size(), false);
    for (const auto& wf : w.fields()) {
      const Field* rf = r.field(wf.name);
      if (!rf) {
        for (const auto& cand : r.fields()) {
          for (const auto& alias : cand.aliases)
            if (alias == wf.name) rf = &cand;
          if (rf) break;
        }
      }
      if (!rf) {
        p->steps.push_back({-1, nullptr});
        continue;
      }
      matched[rf->index] = true;
      const Plan* fp = Compile(wf.schema(), rf->schema());
      if (fp->op == Plan::Op::kFail)
        return Fail(p, fmt::format("field '{}' of record '{}': {}", rf->name, r.full_name(),
                                   fp->failure));
      p->steps.push_back({rf->index, fp});
    }
    for (const auto& rf : r.fields()) {
      if (matched[rf.index]) continue;
      if (!rf.has_default())
        return Fail(p, fmt::format("the reader's field '{}' of record '{}' is missing from the "
                                   "writer's schema and has no default",
                                   rf.name, r.full_name()));
      auto d = DatumFromDefaultJson(rf.schema(), *rf.default_value);
      if (!d.ok()) return Fail(p, d.status().message());
      p->defaults.emplace_back(rf.index, std::move(*d));
    }
  }

  std::vector<std::unique_ptr<Plan>>* plans_;
  std::map<std::pair<const Schema*, const Schema*>, Plan*> memo_;
};

Datum Promote(const Datum& v, Type to) {
  switch (to) {
    case Type::kLong: return Datum::Long(v.as_int());
    case Type::kFloat:
      return Datum::Float(v.type() == Type::kInt ? static_cast<float>(v.as_int())
                                                 : static_cast<float>(v.as_long()));
    case Type::kDouble:
      return Datum::Double(v.type() == Type::kInt    ? static_cast<double>(v.as_int())
                           : v.type() == Type::kLong ? static_cast<double>(v.as_long())
                                                     : static_cast<double>(v.as_float()));
    case Type::kBytes: return Datum::Bytes(v.as_bytes());
    case Type::kString: return Datum::String(v.as_bytes());
    default: return v;
  }
}

class ResolvingReader {
 public:
  ResolvingReader(BinaryReader* in, const DecodeLimits& limits) : in_(in), limits_(limits) {}

  Status Read(const Plan& p, Datum* out, int depth) {
    if (depth > limits_.max_depth)
      return in_->Corrupt(in_->position(), "value nested deeper than the decode limit");
    switch (p.op) {
      case Plan::Op::kFail:
        return Status::Incompatible("Avro data at byte {}: {}", in_->offset(), p.failure);
      case Plan::Op::kSame: return DecodeDatum(*p.reader, in_, out, Budget());
      case Plan::Op::kPromote: {
        Datum v;
        TRIB_RETURN_IF_ERROR(DecodeDatum(*p.writer, in_, &v, Budget()));
        *out = Promote(v, p.reader->type());
        return Status::OK();
      }
      case Plan::Op::kEnum: {
        size_t start = in_->position();
        int32_t idx;
        TRIB_RETURN_IF_ERROR(in_->ReadInt(&idx));
        if (idx < 0 || static_cast<size_t>(idx) >= p.enum_map.size())
          return in_->Corrupt(start, fmt::format("enum index {} out of range for '{}'", idx,
                                                 p.writer->full_name()));
        if (p.enum_map[idx] < 0)
          return Status::Incompatible(
              "Avro data at byte {}: symbol '{}' of the writer's enum '{}' is not in the "
              "reader's enum, which has no default",
              in_->offset(), p.writer->symbols()[idx], p.writer->full_name());
        *out = Datum::Enum(p.enum_map[idx]);
        return Status::OK();
      }
      case Plan::Op::kArray:
      case Plan::Op::kMap: {
        bool is_map = p.op == Plan::Op::kMap;
        Datum::List items;
        Datum::MapEntries entries;
        while (true) {
          int64_t count, block_bytes;
          TRIB_RETURN_IF_ERROR(in_->ReadBlockCount(&count, &block_bytes));
          if (count == 0) break;
          const Schema& we = is_map ? p.writer->values() : p.writer->items();
          if ((is_map || !EncodesToZeroBytes(we)) && static_cast<uint64_t>(count) > in_->remaining())
            return in_->Corrupt(in_->position(), "block count exceeds the bytes left");
          items_ += count;
          if (items_ > limits_.max_items)
            return in_->Corrupt(in_->position(), "too many array items/map entries in one value");
          for (int64_t i = 0; i < count; ++i) {
            Datum v;
            std::string_view key;
            if (is_map) TRIB_RETURN_IF_ERROR(in_->ReadBytes(&key));
            TRIB_RETURN_IF_ERROR(Read(*p.element, &v, depth + 1));
            if (is_map) entries.emplace_back(std::string(key), std::move(v));
            else items.push_back(std::move(v));
          }
        }
        *out = is_map ? Datum::Map(std::move(entries)) : Datum::Array(std::move(items));
        return Status::OK();
      }
      case Plan::Op::kRecord: {
        Datum::List fields(p.reader->fields().size());
        for (size_t i = 0; i < p.steps.size(); ++i) {
          const auto& step = p.steps[i];
          if (step.reader_index < 0) {
            TRIB_RETURN_IF_ERROR(SkipDatum(p.writer->fields()[i].schema(), in_, Budget()));
          } else {
            TRIB_RETURN_IF_ERROR(Read(*step.plan, &fields[step.reader_index], depth + 1));
          }
        }
        for (const auto& [idx, value] : p.defaults) fields[idx] = value;
        *out = Datum::Record(std::move(fields));
        return Status::OK();
      }
      case Plan::Op::kWriterUnion: {
        size_t start = in_->position();
        int64_t branch;
        TRIB_RETURN_IF_ERROR(in_->ReadLong(&branch));
        if (branch < 0 || static_cast<uint64_t>(branch) >= p.branches.size())
          return in_->Corrupt(start, fmt::format("union branch {} out of range ({} branches)",
                                                 branch, p.branches.size()));
        const Plan& bp = *p.branches[branch];
        if (bp.op == Plan::Op::kFail)
          return Status::Incompatible("Avro data at byte {}: writer union branch {}: {}", start,
                                      branch, bp.failure);
        return Read(bp, out, depth + 1);
      }
      case Plan::Op::kReaderUnion:
        TRIB_RETURN_IF_ERROR(Read(*p.element, out, depth + 1));
        out->set_branch(p.reader_branch);
        return Status::OK();
    }
    return Status::OK();
  }

 private:
  DecodeLimits Budget() const {
    DecodeLimits l = limits_;
    l.max_items = limits_.max_items - items_;
    return l;
  }

  BinaryReader* in_;
  const DecodeLimits& limits_;
  int64_t items_ = 0;
};

}  // namespace

SchemaResolution::SchemaResolution(SchemaPtr writer, SchemaPtr reader)
    : writer_(std::move(writer)), reader_(std::move(reader)) {}
SchemaResolution::~SchemaResolution() = default;

Result<std::shared_ptr<const SchemaResolution>> SchemaResolution::Create(SchemaPtr writer,
                                                                         SchemaPtr reader) {
  if (!writer || !reader) return Status::InvalidArgument("schema resolution needs two schemas");
  std::shared_ptr<SchemaResolution> r(new SchemaResolution(std::move(writer), std::move(reader)));
  Compiler compiler(&r->plans_);
  r->root_ = compiler.Compile(*r->writer_, *r->reader_);
  if (r->root_->op == Plan::Op::kFail)
    return Status::Incompatible("cannot read Avro data written as {} with reader schema {}: {}",
                                Describe(*r->writer_), Describe(*r->reader_), r->root_->failure);
  return std::shared_ptr<const SchemaResolution>(std::move(r));
}

Status SchemaResolution::Decode(BinaryReader* in, Datum* out, const DecodeLimits& limits) const {
  return ResolvingReader(in, limits).Read(*root_, out, 0);
}

Result<Datum> SchemaResolution::Decode(std::string_view bytes, const DecodeLimits& limits) const {
  BinaryReader in(bytes);
  Datum out;
  TRIB_RETURN_IF_ERROR(Decode(&in, &out, limits));
  if (!in.at_end())
    return in.Corrupt(in.position(), fmt::format("{} trailing bytes after the value", in.remaining()));
  return out;
}

}  // namespace tributary::avro
