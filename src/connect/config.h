// Config: a Kafka Connect configuration, a flat map of string keys to string values as read
// from a .properties file or a REST JSON body, with typed accessors and prefix views
// (e.g. "value.converter." -> the converter's own config).
//
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace tributary::connect {

class Config {
 public:
  Config() = default;
  explicit Config(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  // Parses Java .properties text: key=value or key: value, # and ! comments, backslash line
  // continuations and escapes (\n, \t, \uXXXX, \=, \:).
  static Result<Config> ParseProperties(std::string_view text);
  static Result<Config> LoadPropertiesFile(const std::string& path);

  bool Has(std::string_view key) const { return values_.count(std::string(key)) > 0; }
  std::optional<std::string> Get(std::string_view key) const;
  std::string GetString(std::string_view key, std::string_view fallback = "") const;
  // Typed getters: InvalidArgument naming the key when the value does not parse.
  Result<int64_t> GetInt(std::string_view key, int64_t fallback) const;
  Result<bool> GetBool(std::string_view key, bool fallback) const;
  // Comma-separated list, entries trimmed, empty entries dropped.
  std::vector<std::string> GetList(std::string_view key) const;

  // The keys under `prefix`, with the prefix removed.
  Config WithPrefix(std::string_view prefix) const;
  void Set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }

  const std::map<std::string, std::string>& values() const { return values_; }

  // True for keys whose values must never be logged or returned: *.password, *secret*, ...
  static bool IsSecretKey(std::string_view key);
  // The config with secret values replaced by "[hidden]", for logs and REST answers.
  std::map<std::string, std::string> Redacted() const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace tributary::connect
