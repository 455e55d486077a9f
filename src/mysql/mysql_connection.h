// MysqlConnection: an owned libmariadb connection with the few helpers the connector needs
// (queries returning text rows, escaping). Errors name the server and the statement.
//
// Thread-safety: one thread at a time (libmariadb handles are not shareable); Interrupt()
// may be called from another thread to unblock a pending read.
#pragma once

#include <mysql.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace tributary::mysql {

struct ConnectionOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  std::string socket;  // optional unix socket
  int connect_timeout_s = 30;
};

// One text-protocol row: nullopt = SQL NULL.
using TextRow = std::vector<std::optional<std::string>>;

class MysqlConnection {
 public:
  ~MysqlConnection();
  static Result<std::unique_ptr<MysqlConnection>> Connect(const ConnectionOptions& options);

  Status Execute(const std::string& sql);
  Result<std::vector<TextRow>> Query(const std::string& sql);
  // Streams a result set row by row (mysql_use_result), for large snapshot tables.
  // `on_row` gets the row's values and lengths (nullptr value = NULL); a non-OK return stops.
  template <typename F>
  Status QueryStream(const std::string& sql, F&& on_row);
  std::string Escape(std::string_view text);

  MYSQL* handle() { return mysql_; }
  const ConnectionOptions& options() const { return options_; }
  std::string Describe() const;  // "user@host:port"
  // Unblocks a read pending in another thread (the connection is unusable afterwards).
  void Interrupt();

 private:
  MysqlConnection() = default;
  Status Error(std::string_view what) const;
  MYSQL* mysql_ = nullptr;
  ConnectionOptions options_;
};

template <typename F>
Status MysqlConnection::QueryStream(const std::string& sql, F&& on_row) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return Error(sql);
  MYSQL_RES* result = mysql_use_result(mysql_);
  if (result == nullptr) return Error(sql);
  unsigned fields = mysql_num_fields(result);
  Status status;
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    unsigned long* lengths = mysql_fetch_lengths(result);
    status = on_row(row, lengths, fields);
    if (!status.ok()) break;
  }
  if (status.ok() && mysql_errno(mysql_) != 0) status = Error(sql);
  mysql_free_result(result);
  return status;
}

}  // namespace tributary::mysql
