// Tokenize: splits a SQL statement into the words, quoted strings, numbers and punctuation the
// DDL parsers (ddl_parser.h, debezium_table.h) walk. Comments are dropped; `quoted`
// identifiers become words without their backticks; string literals are unescaped.
//
// Thread-safety: pure function.
#pragma once

#include <strings.h>

#include <string>
#include <string_view>
#include <vector>

namespace tributary::mysql {

enum class TokenKind { kWord, kString, kNumber, kPunct };

struct Token {
  TokenKind kind;
  std::string text;  // words: as written (backticks removed); strings: the unescaped value
  bool Is(std::string_view keyword) const {
    return kind == TokenKind::kWord && text.size() == keyword.size() &&
           strncasecmp(text.data(), keyword.data(), keyword.size()) == 0;
  }
  bool IsPunct(char c) const { return kind == TokenKind::kPunct && text[0] == c; }
};

std::vector<Token> Tokenize(std::string_view sql);

}  // namespace tributary::mysql
