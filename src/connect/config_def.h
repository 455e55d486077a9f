// ConfigDef: the configuration keys a plugin knows, as Kafka's ConfigDef declares them: exact
// key names (type, default, allowed values, one-line doc, group) plus key prefixes whose whole
// family a plugin passes through (Debezium's `database.` JDBC properties, `driver.`, ...).
//
// Validation uses it to tell unknown keys (a misspelled optional key would otherwise be silently
// ignored) and to suggest the declared key closest to a misspelling; GET
// /connector-plugins/{plugin}/config lists it. A declaration never refuses a value: the plugin's
// own Configure() does that.
//
// Thread-safety: build it once, then share it read-only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "connect/config.h"

namespace tributary::connect {

// Kafka's ConfigDef.Type.
enum class ConfigType { kBoolean, kString, kInt, kShort, kLong, kDouble, kList, kClass, kPassword };
std::string_view ConfigTypeName(ConfigType type);  // "BOOLEAN", "STRING", ... as Kafka names them

struct ConfigKeyDef {
  std::string name;
  ConfigType type = ConfigType::kString;
  std::optional<std::string> default_value;  // nullopt: no default (required unless optional)
  bool required = false;
  std::vector<std::string> allowed;          // enum-like keys: every accepted value
  std::string doc;
  std::string group;
};

struct ConfigPrefixDef {
  std::string prefix;  // e.g. "database." ; every key beginning with it is known
  std::string doc;
  bool typos_checked = false;  // unless the key is a near miss of a declared key
};

class ConfigDef {
 public:
  // Keys defined after Group() belong to that group (Kafka's "group" of a key).
  ConfigDef& Group(std::string name);
  ConfigDef& Define(std::string name, ConfigType type, std::optional<std::string> default_value,
                    std::string doc, std::vector<std::string> allowed = {});
  // A key without which the plugin does not start.
  ConfigDef& Required(std::string name, ConfigType type, std::string doc,
                      std::vector<std::string> allowed = {});
  // Every key beginning with `prefix` is known. With `typos_checked`, a key under the prefix
  // within two edits of a declared key is taken for a misspelling of it instead (Debezium's
  // `database.` JDBC properties sit next to database.hostname, database.user, ...).
  ConfigDef& AcceptPrefix(std::string prefix, std::string doc, bool typos_checked = false);
  // Keys "<alias>." for every alias listed in the value of `list_key` (Debezium's
  // converters=isbn with isbn.type=..., post.processors=...).
  ConfigDef& AcceptAliasesOf(std::string list_key, std::string doc);
  // The plugin's own check of a config's values (typically the parse its Start() begins with),
  // so that validation and POST /connectors report bad values before anything runs.
  using ValueCheck = std::function<Status(const Config&)>;
  ConfigDef& CheckValuesWith(ValueCheck check);
  // OK when no check was given.
  Status CheckValues(const Config& config) const;
  // Adds every key and prefix of `other` not already declared.
  ConfigDef& Include(const ConfigDef& other);

  const ConfigKeyDef* Find(std::string_view key) const;
  // A declared key, or one under a declared prefix or alias of `config` (the plugin's config,
  // for alias lists).
  bool Knows(std::string_view key, const Config& config = Config()) const;
  // The declared key nearest to `key` by edit distance (a swap of two neighbouring characters
  // counts one), or "" when none is near enough to be the likely intent.
  std::string ClosestKey(std::string_view key) const;

  const std::vector<ConfigKeyDef>& keys() const { return keys_; }
  const std::vector<ConfigPrefixDef>& prefixes() const { return prefixes_; }
  const std::vector<ConfigPrefixDef>& alias_lists() const { return alias_lists_; }

 private:
  bool IsNearMiss(std::string_view key) const;

  std::vector<ConfigKeyDef> keys_;
  std::vector<ConfigPrefixDef> prefixes_;
  std::vector<ConfigPrefixDef> alias_lists_;  // prefix: the list key
  ValueCheck value_check_;
  std::string group_;
};

// Optimal-string-alignment distance between `a` and `b`.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace tributary::connect
