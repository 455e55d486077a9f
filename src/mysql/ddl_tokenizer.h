// Tokenize: splits a SQL statement into the words, quoted strings, numbers and punctuation the
// DDL parsers (ddl_parser.h, debezium_table.h) walk with a TokenCursor. Comments are dropped;
// `quoted` identifiers become words without their backticks; string literals are unescaped.
//
// Thread-safety: Tokenize is a pure function; a TokenCursor belongs to one thread.
#pragma once

#include <strings.h>

#include <string>
#include <string_view>
#include <utility>
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

// TokenCursor: the look-ahead both DDL parsers walk their tokens with. A parser derives from
// it and moves `pos_` itself where a rule consumes tokens in its own way.
class TokenCursor {
 protected:
  explicit TokenCursor(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // The token `ahead` places on, or nullptr past the end.
  const Token* Peek(size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
  }
  // Consumes the next token if it is `keyword` (any case).
  bool Accept(std::string_view keyword) {
    if (!Peek() || !Peek()->Is(keyword)) return false;
    ++pos_;
    return true;
  }
  bool AcceptPunct(char c) {
    if (!Peek() || !Peek()->IsPunct(c)) return false;
    ++pos_;
    return true;
  }
  // The next token's text if it is a word (consumed), else "".
  std::string Word() {
    return Peek() && Peek()->kind == TokenKind::kWord ? tokens_[pos_++].text : "";
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace tributary::mysql
