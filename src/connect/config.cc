#include "connect/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

namespace tributary::connect {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Resolves the escapes of one logical line's key or value.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u':
        if (i + 4 < s.size()) {
          uint32_t cp = 0;
          auto r = std::from_chars(s.data() + i + 1, s.data() + i + 5, cp, 16);
          if (r.ec == std::errc()) {
            AppendUtf8(out, cp);
            i += 4;
            break;
          }
        }
        out += 'u';
        break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Result<Config> Config::ParseProperties(std::string_view text) {
  std::map<std::string, std::string> values;
  std::istringstream in{std::string(text)};
  std::string raw;
  std::string logical;
  while (std::getline(in, raw)) {
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = logical.empty() ? Trim(line) : [&] {
      std::string_view t = line;
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
      return t;
    }();
    if (logical.empty() && (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == '!')) continue;
    // An odd number of trailing backslashes continues the line.
    size_t backslashes = 0;
    while (backslashes < trimmed.size() && trimmed[trimmed.size() - 1 - backslashes] == '\\')
      ++backslashes;
    if (backslashes % 2 == 1) {
      logical.append(trimmed.substr(0, trimmed.size() - 1));
      continue;
    }
    logical.append(trimmed);
    std::string_view entry = logical;
    size_t sep = std::string_view::npos;
    for (size_t i = 0; i < entry.size(); ++i) {
      if (entry[i] == '\\') {
        ++i;
        continue;
      }
      if (entry[i] == '=' || entry[i] == ':' || std::isspace(static_cast<unsigned char>(entry[i]))) {
        sep = i;
        break;
      }
    }
    std::string key, value;
    if (sep == std::string_view::npos) {
      key = Unescape(entry);
    } else {
      key = Unescape(Trim(entry.substr(0, sep)));
      std::string_view rest = entry.substr(sep);
      rest = Trim(rest);
      if (!rest.empty() && (rest[0] == '=' || rest[0] == ':')) rest.remove_prefix(1);
      while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
        rest.remove_prefix(1);
      value = Unescape(rest);
    }
    values[key] = value;
    logical.clear();
  }
  return Config(std::move(values));
}

Result<Config> Config::LoadPropertiesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read config file '{}': check the path", path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseProperties(ss.str());
}

std::optional<std::string> Config::Get(std::string_view key) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::GetString(std::string_view key, std::string_view fallback) const {
  auto v = Get(key);
  return v ? *v : std::string(fallback);
}

Result<int64_t> Config::GetInt(std::string_view key, int64_t fallback) const {
  auto v = Get(key);
  if (!v) return fallback;
  std::string_view s = Trim(*v);
  int64_t out = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    return Status::InvalidArgument("config key '{}' must be an integer, got '{}'", key, *v);
  return out;
}

Result<bool> Config::GetBool(std::string_view key, bool fallback) const {
  auto v = Get(key);
  if (!v) return fallback;
  std::string s(Trim(*v));
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "true") return true;
  if (s == "false") return false;
  return Status::InvalidArgument("config key '{}' must be true or false, got '{}'", key, *v);
}

std::vector<std::string> Config::GetList(std::string_view key) const {
  std::vector<std::string> out;
  auto v = Get(key);
  if (!v) return out;
  std::string_view rest = *v;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

Config Config::WithPrefix(std::string_view prefix) const {
  std::map<std::string, std::string> out;
  for (auto it = values_.lower_bound(std::string(prefix)); it != values_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out[it->first.substr(prefix.size())] = it->second;
  }
  return Config(std::move(out));
}

bool Config::IsSecretKey(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  // Words that mark a secret wherever they appear in a key.
  static constexpr std::string_view kSecretWords[] = {"password", "passphrase", "secret",
                                                      "credentials", "sasl.jaas.config"};
  // Key material whose name says nothing secret (Kafka's PASSWORD-typed keys, Confluent's
  // schema registry client, the S3 sink's SSE-C key), under any prefix (producer., database.,
  // value.converter., ...).
  static constexpr std::string_view kSecretKeys[] = {
      "ssl.keystore.key",   "ssl.keystore.certificate.chain", "ssl.truststore.certificates",
      "basic.auth.user.info", "bearer.auth.token",            "sse.customer.key"};
  for (std::string_view word : kSecretWords)
    if (lower.find(word) != std::string::npos) return true;
  for (std::string_view name : kSecretKeys)
    if (lower.ends_with(name)) return true;
  return false;
}

std::map<std::string, std::string> Config::Redacted() const {
  auto out = values_;
  for (auto& [k, v] : out)
    if (IsSecretKey(k)) v = "[hidden]";
  return out;
}

}  // namespace tributary::connect
