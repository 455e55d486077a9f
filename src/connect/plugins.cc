#include "connect/plugins.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tributary::connect {

std::string_view PluginTypeName(PluginType type) {
  switch (type) {
    case PluginType::kSource: return "source";
    case PluginType::kSink: return "sink";
    case PluginType::kConverter: return "converter";
    case PluginType::kTransformation: return "transformation";
    case PluginType::kPredicate: return "predicate";
  }
  return "unknown";
}

namespace {

template <typename F>
void AddAll(std::map<std::string, F>& table, std::vector<PluginRegistry::PluginInfo>& canonical,
            PluginType type, std::vector<std::string> names, F factory) {
  if (names.empty()) return;
  canonical.push_back({names.front(), type});
  for (auto& n : names) table[n] = factory;
}

template <typename T, typename F>
Result<std::unique_ptr<T>> Create(const std::map<std::string, F>& table, PluginType type,
                                  const std::string& class_name) {
  auto it = table.find(class_name);
  if (it == table.end()) {
    std::vector<std::string> known;
    for (const auto& [name, _] : table) known.push_back(name);
    return Status::NotFound("unknown {} class '{}'; known classes: {}", PluginTypeName(type),
                            class_name, fmt::join(known, ", "));
  }
  return it->second();
}

}  // namespace

void PluginRegistry::AddSource(std::vector<std::string> n, SourceFactory f) {
  AddAll(sources_, canonical_, PluginType::kSource, std::move(n), std::move(f));
}
void PluginRegistry::AddSink(std::vector<std::string> n, SinkFactory f) {
  AddAll(sinks_, canonical_, PluginType::kSink, std::move(n), std::move(f));
}
void PluginRegistry::AddConverter(std::vector<std::string> n, ConverterFactory f) {
  AddAll(converters_, canonical_, PluginType::kConverter, std::move(n), std::move(f));
}
void PluginRegistry::AddTransformation(std::vector<std::string> n, TransformationFactory f) {
  AddAll(transformations_, canonical_, PluginType::kTransformation, std::move(n), std::move(f));
}
void PluginRegistry::AddPredicate(std::vector<std::string> n, PredicateFactory f) {
  AddAll(predicates_, canonical_, PluginType::kPredicate, std::move(n), std::move(f));
}

Result<std::unique_ptr<SourceTask>> PluginRegistry::NewSource(const std::string& c) const {
  return Create<SourceTask>(sources_, PluginType::kSource, c);
}
Result<std::unique_ptr<SinkTask>> PluginRegistry::NewSink(const std::string& c) const {
  return Create<SinkTask>(sinks_, PluginType::kSink, c);
}
Result<std::unique_ptr<Converter>> PluginRegistry::NewConverter(const std::string& c) const {
  return Create<Converter>(converters_, PluginType::kConverter, c);
}
Result<std::unique_ptr<Transformation>> PluginRegistry::NewTransformation(
    const std::string& c) const {
  return Create<Transformation>(transformations_, PluginType::kTransformation, c);
}
Result<std::unique_ptr<Predicate>> PluginRegistry::NewPredicate(const std::string& c) const {
  return Create<Predicate>(predicates_, PluginType::kPredicate, c);
}

std::vector<PluginRegistry::PluginInfo> PluginRegistry::List() const { return canonical_; }

void PluginRegistry::Declare(const std::vector<std::string>& class_names, ConfigDef def) {
  auto shared = std::make_shared<const ConfigDef>(std::move(def));
  for (const auto& name : class_names) config_defs_[name] = shared;
}

const ConfigDef* PluginRegistry::ConfigDefOf(const std::string& class_name) const {
  auto it = config_defs_.find(class_name);
  return it == config_defs_.end() ? nullptr : it->second.get();
}

}  // namespace tributary::connect
