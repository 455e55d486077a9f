// PluginRegistry: maps the Java class names users put in their configs
// (io.debezium.connector.mysql.MySqlConnector, io.confluent.connect.s3.S3SinkConnector,
// io.debezium.transforms.ExtractNewRecordState, ...) to factories of our implementations.
//
// Modules register their plugins through an explicit function (e.g.
// transforms::RegisterPlugins) called by the runtime at start-up, rather than static
// initializers, which the linker would drop from static libraries.
//
// Thread-safety: register everything before use; lookups are then read-only.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "connect/config_def.h"
#include "connect/task.h"

namespace tributary::connect {

enum class PluginType { kSource, kSink, kConverter, kTransformation, kPredicate };
std::string_view PluginTypeName(PluginType type);  // "source", "sink", "converter", ...

class PluginRegistry {
 public:
  using SourceFactory = std::function<std::unique_ptr<SourceTask>()>;
  using SinkFactory = std::function<std::unique_ptr<SinkTask>()>;
  using ConverterFactory = std::function<std::unique_ptr<Converter>()>;
  using TransformationFactory = std::function<std::unique_ptr<Transformation>()>;
  using PredicateFactory = std::function<std::unique_ptr<Predicate>()>;

  // `class_names`: the canonical name first, then aliases.
  void AddSource(std::vector<std::string> class_names, SourceFactory f);
  void AddSink(std::vector<std::string> class_names, SinkFactory f);
  void AddConverter(std::vector<std::string> class_names, ConverterFactory f);
  void AddTransformation(std::vector<std::string> class_names, TransformationFactory f);
  void AddPredicate(std::vector<std::string> class_names, PredicateFactory f);

  // NotFound naming the class and listing the known ones of that type.
  Result<std::unique_ptr<SourceTask>> NewSource(const std::string& class_name) const;
  Result<std::unique_ptr<SinkTask>> NewSink(const std::string& class_name) const;
  Result<std::unique_ptr<Converter>> NewConverter(const std::string& class_name) const;
  Result<std::unique_ptr<Transformation>> NewTransformation(const std::string& class_name) const;
  Result<std::unique_ptr<Predicate>> NewPredicate(const std::string& class_name) const;

  bool IsSource(const std::string& class_name) const { return sources_.count(class_name) > 0; }
  bool IsSink(const std::string& class_name) const { return sinks_.count(class_name) > 0; }

  struct PluginInfo {
    std::string class_name;
    PluginType type;
  };
  // Canonical names only, for GET /connector-plugins.
  std::vector<PluginInfo> List() const;

  // The keys the plugin registered under `class_names` knows (validation reports the others).
  void Declare(const std::vector<std::string>& class_names, ConfigDef def);
  // nullptr when the plugin declared nothing: its keys are then not checked.
  const ConfigDef* ConfigDefOf(const std::string& class_name) const;

 private:
  std::map<std::string, SourceFactory> sources_;
  std::map<std::string, SinkFactory> sinks_;
  std::map<std::string, ConverterFactory> converters_;
  std::map<std::string, TransformationFactory> transformations_;
  std::map<std::string, PredicateFactory> predicates_;
  std::vector<PluginInfo> canonical_;
  std::map<std::string, std::shared_ptr<const ConfigDef>> config_defs_;
};

}  // namespace tributary::connect
