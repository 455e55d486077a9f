#include "runtime/connector_validation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "runtime/connector_config_def.h"
#include "runtime/connector_setup.h"

namespace tributary::runtime {

namespace {

Status CheckValues(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
                   const std::map<std::string, std::string>& config) {
  connect::Config c(config);
  TRIB_ASSIGN_OR_RETURN(ConnectorKind kind, ClassifyConnector(c, plugins));
  for (std::string_view client : {"consumer", "producer", "admin"})
    TRIB_RETURN_IF_ERROR(ConnectorClientOverrides(worker, c, client).status());
  TRIB_RETURN_IF_ERROR(kind == ConnectorKind::kSource
                           ? BuildSourceConnector(worker, c, plugins).status()
                           : BuildSinkConnector(worker, c, plugins).status());
  // Then the checks the connector's task makes when it starts.
  const connect::ConfigDef* own = plugins.ConfigDefOf(c.GetString("connector.class"));
  if (own == nullptr) return Status::OK();
  Status values = own->CheckValues(c);
  const std::string connector = fmt::format("connector '{}'", c.GetString("name"));
  if (!values.ok() && values.message().find(connector) == std::string::npos)
    values = values.Annotate(connector);
  return values;
}

// Who owns a key of a connector config: the declaration it is matched against.
struct KeyOwner {
  std::string prefix;                 // "" for the connector's own keys, else "transforms.a."
  std::string plugin;                 // the class whose declaration applies
  std::vector<const connect::ConfigDef*> defs;  // empty: nobody declared, not checked
  std::vector<std::string> runtime_subkeys;     // keys under `prefix` the runtime reads itself
};

// Resolves every key of one connector config to its owner.
class KeyOwners {
 public:
  KeyOwners(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
            const connect::Config& config)
      : config_(config) {
    const std::string connector_class = config.GetString("connector.class");
    connector_.plugin = connector_class;
    const connect::ConfigDef* own = plugins.ConfigDefOf(connector_class);
    if (own != nullptr) {
      connector_.defs = {plugins.IsSource(connector_class) ? &SourceConnectorConfigDef()
                                                           : &SinkConnectorConfigDef(),
                         own};
    }
    for (const auto& alias : config.GetList("transforms")) {
      const std::string prefix = "transforms." + alias + ".";
      AddNested(plugins, prefix, config.GetString(prefix + "type"),
                {"type", "predicate", "negate", "plugin.version"}, &transform_aliases_);
    }
    for (const auto& alias : config.GetList("predicates")) {
      const std::string prefix = "predicates." + alias + ".";
      AddNested(plugins, prefix, config.GetString(prefix + "type"), {"type", "plugin.version"},
                &predicate_aliases_);
    }
    for (std::string key : {"key.converter", "value.converter", "header.converter"}) {
      const connect::Config& owner = config.Has(key) ? config : worker.raw;
      std::string fallback = key == "header.converter" ? "" : kDefaultConverterClass;
      AddNested(plugins, key + ".", owner.GetString(key, fallback), {"plugin.version"}, nullptr);
    }
  }

  // nullopt when the key is known (or nobody can tell), else the unknown key's report.
  std::optional<UnknownKey> Check(const std::string& key) const {
    const KeyOwner& owner = OwnerOf(key);
    const std::string sub = key.substr(owner.prefix.size());
    if (owner.defs.empty()) {
      if (!owner.prefix.empty() || !IsAliasKey(key)) return std::nullopt;
    }
    if (std::find(owner.runtime_subkeys.begin(), owner.runtime_subkeys.end(), sub) !=
        owner.runtime_subkeys.end())
      return std::nullopt;
    const connect::Config own_config =
        owner.prefix.empty() ? config_ : config_.WithPrefix(owner.prefix);
    if (std::any_of(owner.defs.begin(), owner.defs.end(),
                    [&](const connect::ConfigDef* d) { return d->Knows(sub, own_config); }))
      return std::nullopt;
    UnknownKey unknown{key, "", ""};
    const std::string connector = config_.GetString("name");
    if (owner.prefix.empty() && IsAliasKey(key)) {
      // transforms.<alias>.x or predicates.<alias>.x for an alias not listed.
      const bool transform = key.starts_with("transforms.");
      const std::string list = transform ? "transforms" : "predicates";
      const std::string rest = key.substr(list.size() + 1);
      const std::string alias = rest.substr(0, rest.find('.'));
      const auto& aliases = transform ? transform_aliases_ : predicate_aliases_;
      std::string nearest;
      size_t best = std::max<size_t>(2, alias.size() / 3) + 1;
      for (const auto& a : aliases) {
        const size_t distance = connect::EditDistance(alias, a);
        if (distance < best) {
          best = distance;
          nearest = a;
        }
      }
      if (!nearest.empty()) unknown.suggestion = list + "." + nearest + rest.substr(alias.size());
      const std::string listed = config_.GetString(list);
      unknown.message = fmt::format(
          "connector '{}': key '{}' is ignored: alias '{}' is not listed in '{}' ({}){}", connector,
          key, alias, list, listed.empty() ? "unset" : "'" + listed + "'",
          unknown.suggestion.empty() ? ""
                                     : fmt::format("; did you mean '{}'?", unknown.suggestion));
      return unknown;
    }
    size_t best = SIZE_MAX;
    for (const connect::ConfigDef* d : owner.defs) {
      std::string nearest = d->ClosestKey(sub);
      if (nearest.empty()) continue;
      const size_t distance = connect::EditDistance(sub, nearest);
      if (distance < best) {
        best = distance;
        unknown.suggestion = owner.prefix + nearest;
      }
    }
    unknown.message = fmt::format(
        "connector '{}': key '{}' is not a setting of {} and is ignored; {}", connector, key,
        owner.plugin,
        unknown.suggestion.empty()
            ? fmt::format("GET /connector-plugins/{}/config lists the known keys", owner.plugin)
            : fmt::format("did you mean '{}'?", unknown.suggestion));
    return unknown;
  }

  // The declared definition of `key`, if any.
  const connect::ConfigKeyDef* Definition(const std::string& key) const {
    const KeyOwner& owner = OwnerOf(key);
    const std::string sub = key.substr(owner.prefix.size());
    for (const connect::ConfigDef* d : owner.defs)
      if (const auto* def = d->Find(sub)) return def;
    return nullptr;
  }

 private:
  void AddNested(const connect::PluginRegistry& plugins, std::string prefix, std::string plugin,
                 std::vector<std::string> runtime_subkeys, std::vector<std::string>* aliases) {
    if (aliases != nullptr) {
      std::string alias = prefix.substr(prefix.find('.') + 1);
      aliases->push_back(alias.substr(0, alias.size() - 1));
    }
    KeyOwner owner{std::move(prefix), plugin, {}, std::move(runtime_subkeys)};
    if (const connect::ConfigDef* def = plugins.ConfigDefOf(plugin)) owner.defs = {def};
    nested_.push_back(std::move(owner));
  }

  const KeyOwner& OwnerOf(const std::string& key) const {
    // The longest matching prefix: an alias may itself contain dots.
    const KeyOwner* best = &connector_;
    for (const auto& owner : nested_)
      if (key.starts_with(owner.prefix) && owner.prefix.size() > best->prefix.size()) best = &owner;
    return *best;
  }

  static bool IsAliasKey(const std::string& key) {
    for (std::string_view list : {"transforms.", "predicates."})
      if (key.starts_with(list) && key.find('.', list.size()) != std::string::npos) return true;
    return false;
  }

  const connect::Config& config_;
  KeyOwner connector_;
  std::vector<KeyOwner> nested_;
  std::vector<std::string> transform_aliases_;
  std::vector<std::string> predicate_aliases_;
};

// Whether `message` names `token` as a whole word of a key (a key ends at a character no key
// has, or at a full stop).
bool NamesToken(const std::string& message, const std::string& token) {
  auto is_key_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  };
  for (size_t at = message.find(token); at != std::string::npos;
       at = message.find(token, at + 1)) {
    const size_t end = at + token.size();
    const bool starts = at == 0 || !is_key_char(message[at - 1]);
    const bool full_stop =
        message[end] == '.' && (end + 1 == message.size() || message[end + 1] == ' ');
    const bool ends = end == message.size() || !is_key_char(message[end]) || full_stop;
    if (starts && ends) return true;
  }
  return false;
}

// The given key an error message is about: the first quoted word that is a given key, else the
// longest given key the message names, whole or as its plugin's prefix plus the plugin's own key
// ("transform 'unwrap' ..., keys transforms.unwrap.*: ... configuration drop.tombstones");
// connector.class when none.
std::string Culprit(const std::string& message, const std::map<std::string, std::string>& config) {
  for (size_t open = message.find('\''); open != std::string::npos;
       open = message.find('\'', open + 1)) {
    size_t close = message.find('\'', open + 1);
    if (close == std::string::npos) break;
    std::string word = message.substr(open + 1, close - open - 1);
    if (config.count(word) && word != "name") return word;
    open = close;
  }
  std::string culprit = "connector.class";
  size_t longest = 0;
  for (const auto& [key, _] : config) {
    if (key == "name" || key.size() <= longest) continue;
    bool named = NamesToken(message, key);
    // A plugin prefix and a plugin key both have dots: single words match too much prose.
    for (size_t dot = key.find('.'); !named && dot != std::string::npos;
         dot = key.find('.', dot + 1)) {
      const std::string prefix = key.substr(0, dot);
      const std::string own_key = key.substr(dot + 1);
      named = prefix.find('.') != std::string::npos && own_key.find('.') != std::string::npos &&
              message.find(prefix) != std::string::npos && NamesToken(message, own_key);
    }
    if (named) {
      culprit = key;
      longest = key.size();
    }
  }
  return culprit;
}

nlohmann::json DefinitionJson(const std::string& name, const connect::ConfigKeyDef* def,
                              int order) {
  nlohmann::json out = {{"name", name},
                        {"type", def ? connect::ConfigTypeName(def->type) : "STRING"},
                        {"required", def ? def->required : false},
                        {"default_value", nullptr},
                        {"importance", def && def->required ? "HIGH" : "MEDIUM"},
                        {"documentation", def ? def->doc : ""},
                        {"group", def ? def->group : ""},
                        {"width", "NONE"},
                        {"display_name", name},
                        {"dependents", nlohmann::json::array()},
                        {"order", order}};
  if (def && def->default_value) out["default_value"] = *def->default_value;
  return out;
}

}  // namespace

Status CheckConnectorConfig(const WorkerConfig& worker, const connect::PluginRegistry& plugins,
                            const std::map<std::string, std::string>& config) {
  TRIB_RETURN_IF_ERROR(CheckValues(worker, plugins, config));
  for (const auto& unknown : FindUnknownKeys(worker, plugins, config))
    spdlog::warn("{}", unknown.message);
  return Status::OK();
}

int TaskCount(const connect::PluginRegistry& plugins,
              const std::map<std::string, std::string>& config) {
  connect::Config c(config);
  auto kind = ClassifyConnector(c, plugins);
  if (!kind.ok() || *kind == ConnectorKind::kSource) return 1;
  auto tasks = c.GetInt("tasks.max", 1);
  return tasks.ok() && *tasks >= 1 ? static_cast<int>(*tasks) : 1;
}

std::vector<UnknownKey> FindUnknownKeys(const WorkerConfig& worker,
                                        const connect::PluginRegistry& plugins,
                                        const std::map<std::string, std::string>& config) {
  connect::Config c(config);
  if (!ClassifyConnector(c, plugins).ok()) return {};
  KeyOwners owners(worker, plugins, c);
  std::vector<UnknownKey> out;
  for (const auto& [key, _] : config)
    if (auto unknown = owners.Check(key)) out.push_back(std::move(*unknown));
  return out;
}

nlohmann::json ValidateConnectorConfig(const WorkerConfig& worker,
                                       const connect::PluginRegistry& plugins,
                                       const std::string& plugin_class,
                                       std::map<std::string, std::string> config) {
  config.try_emplace("connector.class", plugin_class);
  config.try_emplace("name", "validate");
  Status check = CheckValues(worker, plugins, config);
  connect::Config c(config);
  KeyOwners owners(worker, plugins, c);
  std::map<std::string, std::vector<std::string>> errors;
  int error_count = 0;
  if (!check.ok()) {
    errors[Culprit(check.message(), config)].push_back(check.message());
    ++error_count;
  }
  for (auto& unknown : FindUnknownKeys(worker, plugins, config)) {
    errors[unknown.key].push_back(std::move(unknown.message));
    ++error_count;
  }
  nlohmann::json configs = nlohmann::json::array();
  std::vector<std::string> groups;
  int order = 0;
  for (const auto& [key, value] : c.Redacted()) {
    const connect::ConfigKeyDef* def = owners.Definition(key);
    if (def && !def->group.empty() &&
        std::find(groups.begin(), groups.end(), def->group) == groups.end())
      groups.push_back(def->group);
    configs.push_back(
        {{"definition", DefinitionJson(key, def, ++order)},
         {"value",
          {{"name", key},
           {"value", value},
           {"recommended_values", def ? nlohmann::json(def->allowed) : nlohmann::json::array()},
           {"errors", errors.count(key) ? nlohmann::json(errors[key]) : nlohmann::json::array()},
           {"visible", true}}}});
  }
  if (groups.empty()) groups.push_back("Common");
  return {{"name", plugin_class},
          {"error_count", error_count},
          {"groups", groups},
          {"configs", configs}};
}

Result<nlohmann::json> PluginConfigDefinitions(const connect::PluginRegistry& plugins,
                                               const std::string& plugin_class) {
  std::string full_name;
  std::vector<std::string> names;
  for (const auto& p : plugins.List()) {
    names.push_back(p.class_name);
    if (p.class_name == plugin_class || p.class_name.ends_with("." + plugin_class))
      full_name = p.class_name;
  }
  if (full_name.empty())
    return Status::NotFound("Unknown plugin {}; known plugins: {}", plugin_class,
                            fmt::join(names, ", "));
  std::vector<const connect::ConfigDef*> defs;
  if (plugins.IsSource(full_name)) defs.push_back(&SourceConnectorConfigDef());
  if (plugins.IsSink(full_name)) defs.push_back(&SinkConnectorConfigDef());
  if (const connect::ConfigDef* own = plugins.ConfigDefOf(full_name)) defs.push_back(own);
  nlohmann::json out = nlohmann::json::array();
  int order = 0;
  for (const connect::ConfigDef* def : defs)
    for (const auto& key : def->keys()) out.push_back(DefinitionJson(key.name, &key, ++order));
  return out;
}

}  // namespace tributary::runtime
