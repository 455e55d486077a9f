#include "mysql/mysql_connection.h"

#include <sys/socket.h>

namespace tributary::mysql {

MysqlConnection::~MysqlConnection() {
  if (mysql_) mysql_close(mysql_);
}

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::Connect(
    const ConnectionOptions& options) {
  std::unique_ptr<MysqlConnection> c(new MysqlConnection());
  c->options_ = options;
  c->mysql_ = mysql_init(nullptr);
  if (c->mysql_ == nullptr) return Status::Internal("mysql_init failed: out of memory");
  unsigned int timeout = static_cast<unsigned>(options.connect_timeout_s);
  mysql_optionsv(c->mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_optionsv(c->mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const char* socket = options.socket.empty() ? nullptr : options.socket.c_str();
  if (mysql_real_connect(c->mysql_, options.host.c_str(), options.user.c_str(),
                         options.password.c_str(), nullptr,
                         static_cast<unsigned>(options.port), socket, 0) == nullptr) {
    return Status::Unavailable(
        "cannot connect to MySQL/MariaDB at {} as '{}': {} (check database.hostname, "
        "database.port, database.user and database.password)",
        c->Describe(), options.user, mysql_error(c->mysql_));
  }
  return c;
}

std::string MysqlConnection::Describe() const {
  return fmt::format("{}:{}", options_.host, options_.port);
}

Status MysqlConnection::Error(std::string_view what) const {
  unsigned code = mysql_errno(mysql_);
  // 2006 server gone away, 2013 lost connection: retryable.
  StatusCode status_code =
      (code == 2006 || code == 2013) ? StatusCode::kUnavailable : StatusCode::kIOError;
  return Status(status_code, fmt::format("MySQL/MariaDB at {}: '{}' failed: {} (error {})",
                                         Describe(), what, mysql_error(mysql_), code));
}

Status MysqlConnection::Execute(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return Error(sql);
  // Drain any result so the connection stays usable.
  do {
    if (MYSQL_RES* r = mysql_store_result(mysql_)) mysql_free_result(r);
  } while (mysql_next_result(mysql_) == 0);
  return Status::OK();
}

Result<std::vector<TextRow>> MysqlConnection::Query(const std::string& sql) {
  std::vector<TextRow> rows;
  Status s = QueryStream(sql, [&](MYSQL_ROW row, unsigned long* lengths, unsigned fields) {
    TextRow out(fields);
    for (unsigned i = 0; i < fields; ++i) {
      if (row[i]) out[i] = std::string(row[i], lengths[i]);
    }
    rows.push_back(std::move(out));
    return Status::OK();
  });
  if (!s.ok()) return s;
  return rows;
}

std::string MysqlConnection::Escape(std::string_view text) {
  std::string out(text.size() * 2 + 1, '\0');
  unsigned long n = mysql_real_escape_string(mysql_, out.data(), text.data(), text.size());
  out.resize(n);
  return out;
}

void MysqlConnection::Interrupt() {
  my_socket fd = mysql_get_socket(mysql_);
  if (fd >= 0) shutdown(fd, SHUT_RDWR);
}

}  // namespace tributary::mysql
