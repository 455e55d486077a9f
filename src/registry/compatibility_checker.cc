#include "registry/compatibility_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

namespace tributary::registry {
namespace {

using avro::Schema;
using avro::Type;

std::string UpperTypeName(Type type) {
  std::string name(avro::TypeName(type));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

// Walks a reader and a writer schema side by side, collecting incompatibilities. The current
// location is one string buffer extended and truncated as the walk descends, and descriptions
// are only formatted for real findings, so a compatible pair costs no allocation per field.
class ReaderWriterWalk {
 public:
  explicit ReaderWriterWalk(bool reader_is_new)
      : reader_label_(reader_is_new ? "new" : "old"), writer_label_(reader_is_new ? "old" : "new") {}

  std::vector<Incompatibility> Take() { return std::move(found_); }

  void Check(const Schema& reader, const Schema& writer) {
    // A recursive record reaching the same pair again adds nothing new.
    const bool guard = reader.type() == Type::kRecord;
    if (guard) {
      for (const auto& pair : in_progress_)
        if (pair.first == &reader && pair.second == &writer) return;
      in_progress_.emplace_back(&reader, &writer);
    }
    if (reader.type() == writer.type())
      CheckSameType(reader, writer);
    else
      CheckDifferentTypes(reader, writer);
    if (guard) in_progress_.pop_back();
  }

 private:
  // Appends a location segment for the lifetime of the guard.
  class Descend {
   public:
    // Appends `segment`, then "/<index>" when `index` >= 0.
    Descend(std::string& path, std::string_view segment, int64_t index = -1)
        : path_(path), size_(path.size()) {
      path_ += segment;
      if (index >= 0) {
        char digits[24];
        auto end = std::to_chars(digits, digits + sizeof(digits), index).ptr;
        path_ += '/';
        path_.append(digits, end);
      }
    }
    ~Descend() { path_.resize(size_); }

   private:
    std::string& path_;
    size_t size_;
  };

  std::string Path() const { return path_.empty() ? "/" : path_; }

  // Whether `writer` data can be read by `reader`, without recording anything.
  bool Compatible(const Schema& reader, const Schema& writer) {
    const int failures_before = probe_failures_;
    const bool was_probing = probing_;
    probing_ = true;
    Check(reader, writer);
    probing_ = was_probing;
    const bool compatible = probe_failures_ == failures_before;
    probe_failures_ = failures_before;
    return compatible;
  }

  // Records a finding; `info` and `description` are only built outside probes.
  template <typename Info, typename Description>
  void Add(IncompatibilityType type, std::string_view suffix, Info&& info, Description&& description) {
    if (probing_) {
      ++probe_failures_;
      return;
    }
    std::string path = path_ + std::string(suffix);
    found_.push_back({type, path, info(), description(path)});
  }

  void CheckSameType(const Schema& reader, const Schema& writer) {
    switch (reader.type()) {
      case Type::kArray: {
        Descend d(path_, "/items");
        Check(reader.items(), writer.items());
        return;
      }
      case Type::kMap: {
        Descend d(path_, "/values");
        Check(reader.values(), writer.values());
        return;
      }
      case Type::kFixed:
        CheckNames(reader, writer);
        if (reader.fixed_size() != writer.fixed_size())
          Add(IncompatibilityType::kFixedSizeMismatch, "/size",
              [&] { return fmt::format("expected: {}, found: {}", writer.fixed_size(), reader.fixed_size()); },
              [&](const std::string& path) {
                return fmt::format("The size of FIXED type field at path '{}' in the {} schema "
                                   "does not match with the {} schema",
                                   path, reader_label_, writer_label_);
              });
        return;
      case Type::kEnum:
        CheckNames(reader, writer);
        CheckEnumSymbols(reader, writer);
        return;
      case Type::kRecord:
        CheckNames(reader, writer);
        CheckFields(reader, writer);
        return;
      case Type::kUnion:
        CheckWriterUnion(reader, writer);
        return;
      default:
        return;  // identical primitive types
    }
  }

  void CheckDifferentTypes(const Schema& reader, const Schema& writer) {
    if (writer.type() == Type::kUnion) {
      CheckWriterUnion(reader, writer);
      return;
    }
    const Type w = writer.type();
    switch (reader.type()) {
      case Type::kLong:
        if (w == Type::kInt) return;
        break;
      case Type::kFloat:
        if (w == Type::kInt || w == Type::kLong) return;
        break;
      case Type::kDouble:
        if (w == Type::kInt || w == Type::kLong || w == Type::kFloat) return;
        break;
      case Type::kBytes:
        if (w == Type::kString) return;
        break;
      case Type::kString:
        if (w == Type::kBytes) return;
        break;
      case Type::kUnion:
        for (const Schema* branch : reader.branches())
          if (Compatible(*branch, writer)) return;
        Add(IncompatibilityType::kMissingUnionBranch, "",
            [&] { return "reader union lacking writer type: " + UpperTypeName(w); },
            [&](const std::string& path) {
              return fmt::format("The {} schema is missing a type inside a union field at path "
                                 "'{}' in the {} schema",
                                 reader_label_, path.empty() ? "/" : path, writer_label_);
            });
        return;
      default:
        break;
    }
    Add(IncompatibilityType::kTypeMismatch, "",
        [&] {
          return fmt::format("reader type: {} not compatible with writer type: {}",
                             UpperTypeName(reader.type()), UpperTypeName(w));
        },
        [&](const std::string& path) {
          return fmt::format("The type (path '{}') of a field in the {} schema does not match "
                             "with the {} schema",
                             path.empty() ? "/" : path, reader_label_, writer_label_);
        });
  }

  // Every branch the writer may have written must be readable.
  void CheckWriterUnion(const Schema& reader, const Schema& writer) {
    for (size_t i = 0; i < writer.branches().size(); ++i) {
      Descend d(path_, "", static_cast<int64_t>(i));
      Check(reader, writer.branch(i));
    }
  }

  void CheckNames(const Schema& reader, const Schema& writer) {
    if (reader.name() == writer.name()) return;
    const auto& aliases = reader.aliases();
    if (std::find(aliases.begin(), aliases.end(), writer.full_name()) != aliases.end()) return;
    Add(IncompatibilityType::kNameMismatch, "/name", [&] { return "expected: " + writer.full_name(); },
        [&](const std::string& path) {
          return fmt::format("The name of the schema has changed (path '{}')", path);
        });
  }

  void CheckEnumSymbols(const Schema& reader, const Schema& writer) {
    if (reader.enum_default()) return;  // unknown symbols resolve to the reader's default
    std::vector<std::string_view> missing;
    for (const auto& symbol : writer.symbols())
      if (reader.symbol_index(symbol) < 0) missing.push_back(symbol);
    if (missing.empty()) return;
    auto list = [&] { return fmt::format("[{}]", fmt::join(missing, ", ")); };
    Add(IncompatibilityType::kMissingEnumSymbols, "/symbols", list, [&](const std::string& path) {
      return fmt::format("The {} schema is missing enum symbols '{}' at path '{}' in the {} schema",
                         reader_label_, list(), path, writer_label_);
    });
  }

  static const avro::Field* WriterFieldFor(const Schema& writer, const avro::Field& reader_field) {
    // Fields usually keep their position between versions: try it before searching by name.
    const auto& fields = writer.fields();
    const auto index = static_cast<size_t>(reader_field.index);
    if (index < fields.size() && fields[index].name == reader_field.name) return &fields[index];
    if (const auto* f = writer.field(reader_field.name)) return f;
    for (const auto& alias : reader_field.aliases)
      if (const auto* f = writer.field(alias)) return f;
    return nullptr;
  }

  void CheckFields(const Schema& reader, const Schema& writer) {
    for (const auto& field : reader.fields()) {
      Descend d(path_, "/fields", field.index);
      const avro::Field* writer_field = WriterFieldFor(writer, field);
      if (writer_field) {
        Descend t(path_, "/type");
        Check(field.schema(), writer_field->schema());
      } else if (!field.has_default()) {
        Add(IncompatibilityType::kReaderFieldMissingDefaultValue, "", [&] { return field.name; },
            [&](const std::string& path) {
              return fmt::format("The field '{}' at path '{}' in the {} schema has no default "
                                 "value and is missing in the {} schema",
                                 field.name, path, reader_label_, writer_label_);
            });
      }
    }
  }

  std::string reader_label_;
  std::string writer_label_;
  std::string path_;
  std::vector<std::pair<const Schema*, const Schema*>> in_progress_;
  bool probing_ = false;
  int probe_failures_ = 0;
  std::vector<Incompatibility> found_;
};

std::string Quote(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string_view IncompatibilityTypeName(IncompatibilityType type) {
  switch (type) {
    case IncompatibilityType::kNameMismatch: return "NAME_MISMATCH";
    case IncompatibilityType::kFixedSizeMismatch: return "FIXED_SIZE_MISMATCH";
    case IncompatibilityType::kMissingEnumSymbols: return "MISSING_ENUM_SYMBOLS";
    case IncompatibilityType::kReaderFieldMissingDefaultValue:
      return "READER_FIELD_MISSING_DEFAULT_VALUE";
    case IncompatibilityType::kTypeMismatch: return "TYPE_MISMATCH";
    case IncompatibilityType::kMissingUnionBranch: return "MISSING_UNION_BRANCH";
  }
  return "UNKNOWN";
}

std::string Incompatibility::ToString() const {
  return fmt::format("{{errorType:'{}', description:'{}', additionalInfo:'{}'}}",
                     IncompatibilityTypeName(type), description, Quote(additional_info));
}

std::vector<Incompatibility> CheckReaderWriter(const avro::Schema& reader,
                                               const avro::Schema& writer, bool reader_is_new) {
  ReaderWriterWalk walk(reader_is_new);
  walk.Check(reader, writer);
  return walk.Take();
}

CompatibilityResult CheckCompatibility(CompatibilityLevel level, const avro::Schema& candidate,
                                       const std::vector<PreviousVersion>& previous) {
  CompatibilityResult result;
  if (previous.empty() || level == CompatibilityLevel::kNone) return result;
  if (level == CompatibilityLevel::kDisabled) {
    result.compatible = false;
    result.findings.push_back({previous.back().version, true, {}});
    return result;
  }
  size_t first = IsTransitive(level) ? 0 : previous.size() - 1;
  // Newest first, as Confluent reports them.
  for (size_t i = previous.size(); i-- > first;) {
    const PreviousVersion& old = previous[i];
    if (ChecksBackward(level)) {
      auto found = CheckReaderWriter(candidate, *old.schema, /*reader_is_new=*/true);
      if (!found.empty()) result.findings.push_back({old.version, true, std::move(found)});
    }
    if (ChecksForward(level)) {
      auto found = CheckReaderWriter(*old.schema, candidate, /*reader_is_new=*/false);
      if (!found.empty()) result.findings.push_back({old.version, false, std::move(found)});
    }
  }
  result.compatible = result.findings.empty();
  return result;
}

std::vector<std::string> CompatibilityResult::Messages(CompatibilityLevel level) const {
  std::vector<std::string> out;
  for (const auto& finding : findings) {
    if (finding.incompatibilities.empty())
      out.push_back(fmt::format(
          "{{errorType:'DISABLED', description:'Compatibility DISABLED forbids new versions'}}"));
    for (const auto& inc : finding.incompatibilities) out.push_back(inc.ToString());
    out.push_back(fmt::format("{{oldSchemaVersion: {}}}", finding.old_version));
    out.push_back(fmt::format("{{compatibility: '{}'}}", CompatibilityLevelName(level)));
  }
  return out;
}

std::string CompatibilityResult::Summary(CompatibilityLevel level) const {
  std::vector<std::string> parts;
  for (const auto& finding : findings) {
    if (finding.incompatibilities.empty()) {
      parts.push_back(fmt::format("compatibility {} forbids new versions (latest is version {})",
                                  CompatibilityLevelName(level), finding.old_version));
      continue;
    }
    std::vector<std::string> items;
    for (const auto& inc : finding.incompatibilities)
      items.push_back(fmt::format("{}: {} ({})", inc.path.empty() ? "/" : inc.path,
                                  IncompatibilityTypeName(inc.type), inc.description));
    parts.push_back(fmt::format("{} version {} ({} reads {}): {}",
                                finding.new_schema_is_reader ? "backward-incompatible with"
                                                             : "forward-incompatible with",
                                finding.old_version,
                                finding.new_schema_is_reader ? "new schema" : "old schema",
                                finding.new_schema_is_reader ? "old data" : "new data",
                                fmt::join(items, "; ")));
  }
  return fmt::format("schema is incompatible under {}: {}", CompatibilityLevelName(level),
                     fmt::join(parts, " | "));
}

}  // namespace tributary::registry
