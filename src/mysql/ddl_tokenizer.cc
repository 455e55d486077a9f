#include "mysql/ddl_tokenizer.h"

#include <cctype>

namespace tributary::mysql {

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if (c == '`') {
      std::string word;
      for (++i; i < s.size(); ++i) {
        if (s[i] == '`' && i + 1 < s.size() && s[i + 1] == '`') {
          word += '`';
          ++i;
        } else if (s[i] == '`') {
          ++i;
          break;
        } else {
          word += s[i];
        }
      }
      out.push_back({TokenKind::kWord, word});
    } else if (c == '\'' || c == '"') {
      std::string value;
      for (++i; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          value += s[++i];
        } else if (s[i] == c && i + 1 < s.size() && s[i + 1] == c) {
          value += c;
          ++i;
        } else if (s[i] == c) {
          ++i;
          break;
        } else {
          value += s[i];
        }
      }
      out.push_back({TokenKind::kString, value});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
      out.push_back({TokenKind::kNumber, std::string(s.substr(start, i - start))});
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
               static_cast<unsigned char>(c) >= 0x80) {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                              s[i] == '$' || static_cast<unsigned char>(s[i]) >= 0x80)) {
        ++i;
      }
      out.push_back({TokenKind::kWord, std::string(s.substr(start, i - start))});
    } else {
      out.push_back({TokenKind::kPunct, std::string(1, c)});
      ++i;
    }
  }
  return out;
}

}  // namespace tributary::mysql
