#include "connect/config_def.h"

#include <algorithm>

namespace tributary::connect {

std::string_view ConfigTypeName(ConfigType type) {
  switch (type) {
    case ConfigType::kBoolean: return "BOOLEAN";
    case ConfigType::kString: return "STRING";
    case ConfigType::kInt: return "INT";
    case ConfigType::kShort: return "SHORT";
    case ConfigType::kLong: return "LONG";
    case ConfigType::kDouble: return "DOUBLE";
    case ConfigType::kList: return "LIST";
    case ConfigType::kClass: return "CLASS";
    case ConfigType::kPassword: return "PASSWORD";
  }
  return "STRING";
}

ConfigDef& ConfigDef::Group(std::string name) {
  group_ = std::move(name);
  return *this;
}

ConfigDef& ConfigDef::Define(std::string name, ConfigType type,
                             std::optional<std::string> default_value, std::string doc,
                             std::vector<std::string> allowed) {
  if (Find(name) != nullptr) return *this;
  keys_.push_back({std::move(name), type, std::move(default_value), false, std::move(allowed),
                   std::move(doc), group_});
  return *this;
}

ConfigDef& ConfigDef::Required(std::string name, ConfigType type, std::string doc,
                               std::vector<std::string> allowed) {
  Define(name, type, std::nullopt, std::move(doc), std::move(allowed));
  for (auto& k : keys_)
    if (k.name == name) k.required = true;
  return *this;
}

ConfigDef& ConfigDef::AcceptPrefix(std::string prefix, std::string doc, bool typos_checked) {
  for (const auto& p : prefixes_)
    if (p.prefix == prefix) return *this;
  prefixes_.push_back({std::move(prefix), std::move(doc), typos_checked});
  return *this;
}

ConfigDef& ConfigDef::AcceptAliasesOf(std::string list_key, std::string doc) {
  for (const auto& a : alias_lists_)
    if (a.prefix == list_key) return *this;
  alias_lists_.push_back({std::move(list_key), std::move(doc), false});
  return *this;
}

ConfigDef& ConfigDef::CheckValuesWith(ValueCheck check) {
  value_check_ = std::move(check);
  return *this;
}

Status ConfigDef::CheckValues(const Config& config) const {
  return value_check_ ? value_check_(config) : Status::OK();
}

ConfigDef& ConfigDef::Include(const ConfigDef& other) {
  for (const auto& k : other.keys_)
    if (Find(k.name) == nullptr) keys_.push_back(k);
  for (const auto& p : other.prefixes_) AcceptPrefix(p.prefix, p.doc, p.typos_checked);
  for (const auto& a : other.alias_lists_) AcceptAliasesOf(a.prefix, a.doc);
  return *this;
}

const ConfigKeyDef* ConfigDef::Find(std::string_view key) const {
  for (const auto& k : keys_)
    if (k.name == key) return &k;
  return nullptr;
}

bool ConfigDef::Knows(std::string_view key, const Config& config) const {
  if (Find(key) != nullptr) return true;
  for (const auto& p : prefixes_)
    if (key.starts_with(p.prefix) && (!p.typos_checked || !IsNearMiss(key))) return true;
  for (const auto& list : alias_lists_)
    for (const auto& alias : config.GetList(list.prefix))
      if (key.starts_with(alias + ".")) return true;
  return false;
}

bool ConfigDef::IsNearMiss(std::string_view key) const {
  // Two edits catch the usual slips (a dropped, doubled or swapped letter) without taking a
  // pass-through property such as database.serverTimezone for database.server.name.
  constexpr size_t kNearMiss = 2;
  std::string nearest = ClosestKey(key);
  return !nearest.empty() && EditDistance(key, nearest) <= kNearMiss;
}

std::string ConfigDef::ClosestKey(std::string_view key) const {
  // Beyond a third of the key's length the "nearest" key is usually an unrelated one.
  const size_t limit = std::max<size_t>(2, key.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& k : keys_) {
    size_t d = EditDistance(key, k.name);
    if (d < best_distance) {
      best_distance = d;
      best = k.name;
    }
  }
  return best;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rolling rows: the transposition case looks two rows back.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace tributary::connect
